import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_ID, launchSharer, type Sharer } from './harness/browsers.js';
import { waitFor } from './harness/extension.js';
import { attachPopup } from './harness/popup.js';
import { type SiteServer, startSiteServer } from './harness/site-server.js';

/**
 * Chrome's "Deskbridge requests additional permissions" dialog is browser UI: no page API and
 * no command-line switch answers it (`--apps-gallery-install-auto-confirm-for-tests` does not),
 * so this test answers it the way a person does, with the keyboard: a headed Chromium in the
 * Xvfb display the e2e run already has, and Tab, Return sent through XTest (the `x11` package).
 * The dialog opens with Deny focused; Tab moves to Allow.
 */
interface XClient {
  require(name: 'xtest', done: (error: Error | null, xtest: XTest) => void): void;
  GetKeyboardMapping(
    first: number,
    count: number,
    done: (e: Error | null, rows: number[][]) => void,
  ): void;
  close(): void;
}
interface XTest {
  KeyPress: number;
  KeyRelease: number;
  FakeInput(type: number, detail: number, time: number, wid: number, x: number, y: number): void;
}
interface XDisplay {
  client: XClient;
  min_keycode: number;
  max_keycode: number;
  screen: { root: number }[];
}
const x11 = createRequire(import.meta.url)('x11') as {
  createClient(done: (error: Error | null, display: XDisplay) => void): void;
};

const XK_TAB = 0xff09;
const XK_RETURN = 0xff0d;
const XK_ALT = 0xffe9;
const XK_SHIFT = 0xffe1;
const XK_D = 0x64;

const call = <T>(run: (done: (error: Error | null, value: T) => void) => void) =>
  new Promise<T>((resolve, reject) =>
    run((error, value) => (error ? reject(error) : resolve(value))),
  );

class Keyboard {
  private constructor(
    private readonly display: XDisplay,
    private readonly xtest: XTest,
    private readonly mapping: number[][],
  ) {}

  static async open(): Promise<Keyboard> {
    const display = await call<XDisplay>((done) => x11.createClient(done));
    const { client, min_keycode: min, max_keycode: max } = display;
    const xtest = await call<XTest>((done) => client.require('xtest', done));
    const mapping = await call<number[][]>((done) =>
      client.GetKeyboardMapping(min, max - min + 1, done),
    );
    return new Keyboard(display, xtest, mapping);
  }

  /** Presses the keys together, then lets go in reverse: `press(XK_ALT, XK_SHIFT, XK_D)`. */
  press(...keysyms: number[]): void {
    const { xtest, display } = this;
    const root = display.screen[0]?.root ?? 0;
    const codes = keysyms.map((keysym) => {
      const row = this.mapping.findIndex((symbols) => symbols.includes(keysym));
      if (row < 0) throw new Error(`no key for keysym ${keysym.toString(16)}`);
      return display.min_keycode + row;
    });
    for (const code of codes) xtest.FakeInput(xtest.KeyPress, code, 0, root, 0, 0);
    for (const code of codes.reverse()) xtest.FakeInput(xtest.KeyRelease, code, 0, root, 0, 0);
  }

  close(): void {
    this.display.client.close();
  }
}

/**
 * Answers the permission dialog: Allow. The dialog is drawn inside the browser's own X window,
 * so nothing outside Chromium says when it is up: it is given time (it shows within about a
 * second here), then answered. Should it come late, the keys go to the page instead and the
 * test fails on the missing result, never passing by mistake.
 */
async function allow(keyboard: Keyboard): Promise<void> {
  // Chrome also keeps the dialog's buttons off for a moment, against click-jacking.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  keyboard.press(XK_TAB);
  keyboard.press(XK_RETURN);
}

async function clickAndAllow(page: Page, button: string, keyboard: Keyboard): Promise<void> {
  await page.bringToFront();
  await page.getByRole('button', { name: button }).click();
  await allow(keyboard);
}

/** Whether the content script put its control into the page (it shows only during a call). */
async function controlAfterJoining(page: Page): Promise<string | null> {
  await page.reload();
  await page.locator('[data-fixture="join"]').click();
  const host = page.locator('#new-toolbox deskbridge-share');
  try {
    await host.waitFor({ timeout: 3_000 });
  } catch {
    return null;
  }
  return host.getAttribute('data-site');
}

/** The control on a page the adapter knows nothing of: floating, by the generic adapter. */
const floatingControl = (page: Page) =>
  page.evaluate(() => {
    const host = document.querySelector<HTMLElement>('deskbridge-share');
    return host?.isConnected ? `${host.dataset.site} ${host.dataset.placement}` : null;
  });

describe('Chromium: a call site the user adds', () => {
  let sites: SiteServer;
  let sharer: Sharer;
  let keyboard: Keyboard;

  beforeAll(async () => {
    if (!process.env.DISPLAY) throw new Error('run under xvfb-run: the permission dialog needs X');
    sites = await startSiteServer();
    sharer = await launchSharer({
      pick: 'none',
      headless: false,
      args: sites.browserArgs,
      debugPort: true,
    });
    keyboard = await Keyboard.open();
  });

  afterAll(async () => {
    keyboard?.close();
    await sharer?.close();
    await sites?.close();
  });

  test('from the options page: gets the control once added and granted, loses it once removed', async () => {
    // A self-hosted Jitsi, recognised as Jitsi by its own bundle's address.
    const site = await sharer.context.newPage();
    await site.goto('https://jitsi.example.org/SomeRoom');
    expect(await controlAfterJoining(site)).toBeNull();

    const options = await sharer.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.getByRole('textbox', { name: 'Call site domain' }).fill('jitsi.example.org');
    await clickAndAllow(options, 'Add call site', keyboard);
    await options.getByRole('status').filter({ hasText: 'Added jitsi.example.org.' }).waitFor();
    await options.getByRole('button', { name: 'Remove jitsi.example.org' }).waitFor();

    await site.bringToFront();
    expect(await controlAfterJoining(site)).toBe('jitsi');

    await options.bringToFront();
    await options.getByRole('button', { name: 'Remove jitsi.example.org' }).click();
    await options.getByRole('status').filter({ hasText: 'Removed jitsi.example.org.' }).waitFor();
    const left = await sharer.worker.evaluate(async () => ({
      granted: await chrome.permissions.contains({ origins: ['https://jitsi.example.org/*'] }),
      scripts: (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id),
    }));
    expect(left).toEqual({ granted: false, scripts: [] });

    await site.bringToFront();
    expect(await controlAfterJoining(site)).toBeNull();
    await Promise.all([site.close(), options.close()]);
  });

  test('from the popup: one click asks for the site and shows the Share button at once', async () => {
    const site = await sharer.context.newPage();
    await site.goto('https://calls.example.org/room');
    expect(await floatingControl(site)).toBeNull();

    // The toolbar icon's shortcut opens the popup as a click would, granting activeTab.
    const popup = await attachPopup(sharer, async () => {
      await site.bringToFront();
      keyboard.press(XK_ALT, XK_SHIFT, XK_D);
    });
    try {
      await expect
        .poll(() => popup.text())
        .toContain('Deskbridge does not run on calls.example.org yet.');
      await popup.page
        .locator('::-p-aria([name="Show the Share button on this site"][role="button"])')
        .click();
      await allow(keyboard);

      // Injected into the open page at once, no reload: the generic adapter floats.
      await waitFor(
        () => floatingControl(site),
        (found) => found === 'generic floating',
        { what: 'the Share button on calls.example.org', timeout: 15_000 },
      );
    } finally {
      await popup.close();
    }
    const registered = await sharer.worker.evaluate(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id),
    );
    expect(registered).toEqual(['deskbridge-domain:calls.example.org']);
    // And on every later visit.
    await site.reload();
    await waitFor(
      () => floatingControl(site),
      (found) => found === 'generic floating',
      { what: 'the Share button after a reload' },
    );
    await sharer.worker.evaluate(() =>
      chrome.permissions.remove({ origins: ['https://calls.example.org/*'] }),
    );
    await site.close();
  });
});
