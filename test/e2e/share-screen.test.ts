import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchGuestBrowser } from './harness/browsers.js';
import { waitFor } from './harness/extension.js';
import { colourShare } from './harness/pixels.js';
import { joinAndAdmit, type Stack, shareFromPage, startStack } from './harness/stack.js';

// Entire-screen capture hangs headless (DESIGN §7); headed under Xvfb it gives the real X screen.
describe('Chromium: sharing the entire screen (headed Chromium under Xvfb)', () => {
  let stack: Stack;
  let guests: Browser;

  beforeAll(async () => {
    if (!process.env.DISPLAY) {
      throw new Error('No DISPLAY: run the e2e suite through `npm test`, which starts Xvfb.');
    }
    [stack, guests] = await Promise.all([
      startStack({
        pick: 'Entire screen',
        headless: false,
        args: ['--window-position=0,0', '--start-maximized'],
      }),
      launchGuestBrowser(),
    ]);
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('the guest sees the X screen, with the magenta page on it', async () => {
    const page = await stack.sharer.context.newPage();
    await page.goto(new URL('screen.html', stack.servers.demoUrl).href);
    await page.bringToFront();
    const link = await shareFromPage(page);

    const viewer = await joinAndAdmit(guests, page, link, 'Linus');
    const xScreen = await page.evaluate(() => ({ width: screen.width, height: screen.height }));
    // The first frame is scaled down (FIRST_FRAME_LINES): full resolution follows it.
    const seen = await waitFor(
      () => colourShare(viewer, [255, 0, 255]),
      (frame) => frame.share > 0.3 && frame.width >= xScreen.width * 0.9,
      { what: 'magenta covering the captured screen, at full resolution' },
    );
    // The whole X screen, not the tab: the frame has the screen's shape.
    expect(seen.width / seen.height).toBeCloseTo(xScreen.width / xScreen.height, 1);
    expect(seen.width).toBeGreaterThanOrEqual(xScreen.width * 0.9);
    await page.getByRole('button', { name: 'Stop sharing' }).click();
  });
});
