import type { Page as ChromiumPage } from 'playwright-core';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aimAt, recorded, waitForControl } from './harness/control.js';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import { byRole, launchFirefox } from './harness/firefox.js';
import { colourShare } from './harness/pixels.js';
import { type Scene, shareFromPage, startScene, viewerState } from './harness/stack.js';

const TITLE = 'Deskbridge control test';

// The guest needs no extension: the viewer is a web page, and Firefox watches and controls too.
describe('Firefox guest: watches a Chromium sharer’s tab, then controls it', () => {
  let scene: Scene;
  let shared: ChromiumPage;
  let firefox: Browser;
  let viewer: Page;

  beforeAll(async () => {
    [scene, firefox] = await Promise.all([
      startScene({ pick: TITLE, page: 'control.html' }),
      launchFirefox({ headless: true }),
    ]);
    shared = scene.call;
    await updateSettings(scene.stack.sharer.worker, { admitEveryone: true });
    const link = await shareFromPage(shared);
    const [first] = await firefox.pages();
    if (!first) throw new Error('Firefox opened no tab');
    viewer = first;
    // Taller than the picture, as in the Chromium control test: letterboxed above and below, so
    // the debugger's infobar changing the picture's height does not move what the guest aims at.
    await viewer.setViewport({ width: 1000, height: 900 });
    viewer.on('pageerror', (error) => console.error(`[Firefox viewer] ${String(error)}`));
    await viewer.goto(link);
    await (await byRole(viewer, 'textbox', 'Your name')).type('Grace');
    await (await byRole(viewer, 'button', 'Join')).click();
  });

  afterAll(async () => {
    await firefox?.close();
    await scene?.close();
  });

  test('the Firefox guest decodes frames of the shared tab', async () => {
    await waitFor(
      () => viewerState(viewer),
      (state) => state === 'live',
      { what: 'Firefox guest: live', timeout: 60_000 },
    );
    // The control page's pale background (#f4f6fb) fills most of the picture.
    const frame = await waitFor(
      () => colourShare(viewer, [0xf4, 0xf6, 0xfb], 16),
      (seen) => seen.share > 0.6,
      { what: 'Firefox guest: the shared tab’s background in the picture' },
    );
    const tab = await shared.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    expect(frame.width / frame.height).toBeCloseTo(tab.width / tab.height, 1);
  });

  test('the Firefox guest asks for control, the sharer allows, a click lands', async () => {
    await waitFor(
      () => sessionState(scene.stack.sharer.worker),
      (s) => s.kind === 'live' && s.controlOffer.kind === 'tab',
      { what: 'Chromium sharer: tab control on offer' },
    );
    await (await byRole(viewer, 'button', 'Request control')).click();
    await shared.getByText('Grace asks to control this tab').waitFor();
    await shared.getByRole('button', { name: 'Allow control' }).click();
    await waitForControl(viewer, 'granted');

    const { x, y, target } = await aimAt(viewer, shared, '#target');
    await viewer.mouse.click(x, y);
    const [click] = await waitFor(
      async () =>
        (await recorded(shared)).filter((e) => e.type === 'click' && e.target === 'target'),
      (list) => list.length > 0,
      { what: 'Firefox guest: a click on the shared button' },
    );
    expect(click?.isTrusted).toBe(true);
    expect(Math.abs((click?.x ?? 0) - target.x)).toBeLessThanOrEqual(4);
    expect(Math.abs((click?.y ?? 0) - target.y)).toBeLessThanOrEqual(4);
  });

  test('typing in Firefox arrives in the shared field, Shift included', async () => {
    const field = await aimAt(viewer, shared, '#field');
    await viewer.mouse.click(field.x, field.y);
    await viewer.keyboard.down('Shift');
    await viewer.keyboard.press('KeyH');
    await viewer.keyboard.up('Shift');
    await viewer.keyboard.type('ello');
    await waitFor(
      () => shared.locator('#field').inputValue(),
      (value) => value === 'Hello',
      { what: 'Firefox guest: the typed text in the shared field' },
    );
    const keys = (await recorded(shared)).filter((e) => e.type === 'keydown');
    expect(keys.every((e) => e.isTrusted)).toBe(true);
  });
});
