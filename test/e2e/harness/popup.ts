import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import puppeteer, { type Browser, type Page as PopupPage } from 'puppeteer-core';
import type { Sharer } from './browsers.js';
import { waitFor } from './extension.js';

/**
 * The extension's real action popup, open over a tab. Playwright does not see popup windows,
 * so they are reached over DevTools (the sharer launched with `debugPort`), with
 * puppeteer-core. `chrome.action.openPopup()` opens it as the icon would, but grants no
 * `activeTab`: enough for what the content script answers; the keyboard shortcut (a user
 * gesture, `custom-domain.test.ts`) is needed where the popup must read the page's address.
 */
export interface Popup {
  page: PopupPage;
  /** The popup's visible text. */
  text(): Promise<string>;
  close(): Promise<void>;
}

async function devtools(sharer: Sharer): Promise<Browser> {
  const port = await waitFor(
    () =>
      readFile(join(sharer.profile, 'DevToolsActivePort'), 'utf8').then(
        (text) => text.split('\n')[0] ?? '',
        () => '',
      ),
    (line) => line !== '',
    { what: 'the DevTools port (launch the sharer with debugPort)', timeout: 10_000 },
  );
  return puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
}

/** Waits for the action popup to open (by `open`, or any way) and attaches to it. */
export async function attachPopup(sharer: Sharer, open: () => Promise<void>): Promise<Popup> {
  const browser = await devtools(sharer);
  try {
    const opened = browser.waitForTarget((t) => t.url().endsWith('/popup.html'), {
      timeout: 15_000,
    });
    await open();
    const page = await (await opened).asPage();
    return {
      page,
      text: () => page.evaluate(() => document.body.textContent ?? ''),
      async close() {
        await page.close().catch(() => {});
        await browser.disconnect();
      },
    };
  } catch (error) {
    await browser.disconnect();
    throw error;
  }
}

/** Opens the popup over `tab` as the toolbar icon would (no `activeTab` grant). */
export function openPopupOver(sharer: Sharer, tab: Page): Promise<Popup> {
  return attachPopup(sharer, async () => {
    await tab.bringToFront();
    await sharer.worker.evaluate(() => chrome.action.openPopup());
  });
}
