import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser as Chromium, Page as ChromiumPage } from 'playwright-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchGuestBrowser } from './harness/browsers.js';
import { type Recorded, viewerPoint, waitForControl } from './harness/control.js';
import { waitFor } from './harness/extension.js';
import { byRole, firefoxSession } from './harness/firefox.js';
import {
  type FirefoxSharer,
  shareFromFirefox,
  startFirefoxSharer,
} from './harness/firefox-sharer.js';
import { joinAsGuest, waitForViewerState } from './harness/stack.js';

/** Where an element's centre is on the X screen, as a fraction of it (Firefox knows exactly). */
function onScreen(page: Page, selector: string) {
  return page.$eval(selector, (element) => {
    const rect = element.getBoundingClientRect();
    const { mozInnerScreenX, mozInnerScreenY } = window as unknown as Record<string, number>;
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    return {
      nx: ((mozInnerScreenX ?? 0) + x) / screen.width,
      ny: ((mozInnerScreenY ?? 0) + y) / screen.height,
      x,
      y,
    };
  });
}

const recorded = (page: Page) =>
  page.evaluate(() => (window as unknown as { recorded: Recorded[] }).recorded.slice());

// The same helper as Chromium's, registered for Firefox by `allowed_extensions` (issue 7).
describe('Firefox sharer: desktop control through the native helper', () => {
  let home: string;
  let sharer: FirefoxSharer;
  let guests: Chromium;
  let viewer: ChromiumPage;

  beforeAll(async () => {
    // The helper is registered in a HOME of this test's own, where this Firefox looks for it.
    home = await mkdtemp(join(tmpdir(), 'deskbridge-firefox-home-'));
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
    for (const command of [['native-host/build.mjs'], ['native-host/install.mjs', '--quiet']]) {
      const run = spawnSync(process.execPath, command, { encoding: 'utf8', env });
      if (run.status !== 0) throw new Error(`Firefox: ${command[0]} failed: ${run.stderr}`);
    }
    [sharer, guests] = await Promise.all([
      startFirefoxSharer({ page: 'control.html', settings: { admitEveryone: true }, home }),
      launchGuestBrowser(),
    ]);
    const { link } = await shareFromFirefox(sharer);
    viewer = await joinAsGuest(guests, link, 'Linus');
    await waitForViewerState(viewer, 'live', 60_000);
  });

  afterAll(async () => {
    await guests?.close();
    await sharer?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  test('the whole desktop is on offer; the sharer is told so and allows it', async () => {
    const state = await waitFor(
      () => firefoxSession(sharer.firefox),
      (s) => s.kind === 'live' && s.controlOffer.kind !== 'checking',
      { what: 'Firefox sharer: the desktop control check' },
    );
    expect(state.kind === 'live' && state.controlOffer).toEqual({ kind: 'desktop' });
    await viewer.getByRole('button', { name: 'Request control' }).click();
    const prompt = await byRole(sharer.call, 'group', 'Control request');
    await waitFor(
      () => prompt.evaluate((element) => element.textContent ?? ''),
      (text) => text.includes('Linus asks to control your whole desktop'),
      { what: 'Firefox sharer: the prompt naming the whole desktop' },
    );
    await (await byRole(sharer.call, 'button', 'Allow control')).click();
    await waitForControl(viewer, 'granted');
  });

  test('a click on the button’s place on the screen reaches the Firefox page, trusted', async () => {
    const target = await onScreen(sharer.call, '#target');
    const point = await viewerPoint(viewer, target.nx, target.ny);
    await viewer.mouse.click(point.x, point.y);
    const [click] = await waitFor(
      async () =>
        (await recorded(sharer.call)).filter((e) => e.type === 'click' && e.target === 'target'),
      (list) => list.length > 0,
      { what: 'Firefox sharer: a click on the button' },
    );
    expect(click?.isTrusted).toBe(true);
    expect(Math.abs((click?.x ?? 0) - target.x)).toBeLessThanOrEqual(6);
    expect(Math.abs((click?.y ?? 0) - target.y)).toBeLessThanOrEqual(6);
  });

  test('typing goes through the helper into the Firefox page', async () => {
    const field = await onScreen(sharer.call, '#field');
    const point = await viewerPoint(viewer, field.nx, field.ny);
    await viewer.mouse.click(point.x, point.y);
    for (const key of ['Shift+KeyH', 'i', 'Shift+Digit1']) await viewer.keyboard.press(key);
    await waitFor(
      () => sharer.call.$eval('#field', (input) => (input as HTMLInputElement).value),
      (value) => value === 'Hi!',
      { what: 'Firefox sharer: the typed text' },
    );
  });
});
