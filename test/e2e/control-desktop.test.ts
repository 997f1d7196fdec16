import { spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchGuestBrowser } from './harness/browsers.js';
import { recorded, viewerPoint, waitForControl } from './harness/control.js';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import {
  joinAsGuest,
  type Stack,
  shareFromPage,
  startStack,
  waitForViewerState,
} from './harness/stack.js';

/** Where an element's centre is on the X screen, as a fraction of the screen. */
async function onScreen(
  page: Page,
  selector: string,
): Promise<{ nx: number; ny: number; x: number; y: number }> {
  return page.locator(selector).evaluate((element) => {
    const rect = element.getBoundingClientRect();
    // The viewport sits at the bottom of the window, under the browser's own toolbars.
    const left = screenX + (outerWidth - innerWidth) / 2;
    const top = screenY + (outerHeight - innerHeight);
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    return { nx: (left + x) / screen.width, ny: (top + y) / screen.height, x, y };
  });
}

// Entire-screen capture works headed under Xvfb (DESIGN §7); input goes through the native host.
describe('Chromium: desktop control through the native helper (headed Chromium under Xvfb)', () => {
  let stack: Stack;
  let guests: Browser;
  let shared: Page;
  let viewer: Page;

  beforeAll(async () => {
    if (!process.env.DISPLAY) throw new Error('No DISPLAY: run the e2e suite through `npm test`.');
    const built = spawnSync(process.execPath, ['native-host/build.mjs'], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`native host build failed: ${built.stderr}`);
    [stack, guests] = await Promise.all([
      startStack({ pick: 'Entire screen', headless: false, args: ['--window-position=0,0'] }),
      launchGuestBrowser(),
    ]);
    // Registered in this browser's own profile, where Chromium looks for native hosts.
    const installed = spawnSync(
      process.execPath,
      ['native-host/install.mjs', '--profile', stack.sharer.profile],
      {
        encoding: 'utf8',
      },
    );
    if (installed.status !== 0) throw new Error(`native host install failed: ${installed.stderr}`);
    await updateSettings(stack.sharer.worker, { admitEveryone: true });
    shared = await stack.sharer.context.newPage();
    await shared.goto(new URL('control.html', stack.servers.demoUrl).href);
    await shared.bringToFront();
    const link = await shareFromPage(shared);
    viewer = await joinAsGuest(guests, link, 'Linus');
    await waitForViewerState(viewer, 'live');
    await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live' && s.controlOffer.kind !== 'checking',
      {
        what: 'the desktop control check',
      },
    );
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('the sharer is told the whole desktop is at stake, and allows it', async () => {
    const state = await sessionState(stack.sharer.worker);
    expect(state.kind === 'live' && state.controlOffer).toEqual({ kind: 'desktop' });
    await viewer.getByRole('button', { name: 'Request control' }).click();
    await shared.getByText('Linus asks to control your whole desktop').waitFor();
    await shared.getByRole('button', { name: 'Allow control' }).click();
    await waitForControl(viewer, 'granted');
  });

  test('a click on the screen position of the button reaches the page, trusted', async () => {
    const target = await onScreen(shared, '#target');
    const point = await viewerPoint(viewer, target.nx, target.ny);
    await viewer.mouse.click(point.x, point.y);
    const clicks = () =>
      recorded(shared).then((list) =>
        list.filter((e) => e.type === 'click' && e.target === 'target'),
      );
    const [click] = await waitFor(clicks, (list) => list.length > 0, {
      what: 'a click on the button',
    });
    expect(click?.isTrusted).toBe(true);
    expect(Math.abs((click?.x ?? 0) - target.x)).toBeLessThanOrEqual(6);
    expect(Math.abs((click?.y ?? 0) - target.y)).toBeLessThanOrEqual(6);
  });

  test('typing into the field goes through the helper as trusted keys', async () => {
    const field = await onScreen(shared, '#field');
    const point = await viewerPoint(viewer, field.nx, field.ny);
    await viewer.mouse.click(point.x, point.y);
    for (const key of ['Shift+KeyH', 'i', 'Shift+Digit1']) await viewer.keyboard.press(key);
    await waitFor(
      () => shared.locator('#field').inputValue(),
      (value) => value === 'Hi!',
      { what: 'the typed text' },
    );
    const keys = (await recorded(shared)).filter((e) => e.type === 'keydown');
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.every((e) => e.isTrusted)).toBe(true);
  });

  test('Take back control: the helper stops at once', async () => {
    await shared.getByRole('button', { name: 'Take back control' }).click();
    await waitForControl(viewer, 'none');
    const state = await sessionState(stack.sharer.worker);
    if (state.kind !== 'live') throw new Error('the share ended');
    const revoke = state.audit.findLast((entry) => entry.type === 'revoked');
    expect(revoke?.reason).toBe('taken-back');
    expect(revoke?.scope ?? 'desktop').toBe('desktop');
  });
});
