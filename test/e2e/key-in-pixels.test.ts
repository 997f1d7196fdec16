import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitFor } from './harness/extension.js';
import { changedShare, difference, frameRegion, type Region } from './harness/pixels.js';
import { joinAndAdmit, renewLink, type Stack, shareFromPage, startScene } from './harness/stack.js';

/**
 * The panel with the link is inside the shared tab, so guests receive it as pixels. The key must
 * not be readable there. OCR-free check: the link field's pixels are the same under two
 * different keys (so the key does not reach them), yet change when the sharer clicks Show (so
 * the region really is the link's text, and the check would catch a visible key).
 */
describe('Chromium: the key never shows in the pixels guests receive', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;
  let viewer: Page;
  let field: Region;

  /** The field as it is in the guest's frame once the picture has settled. */
  const settledField = () => {
    let previous: number[] = [];
    return waitFor(
      async () => {
        const current = await frameRegion(viewer, field);
        const stable = difference(current, previous) < 1;
        previous = current;
        return stable ? current : null;
      },
      (region) => region !== null,
      // A still screen is refreshed about once a second, and the first frames sharpen as the
      // bitrate ramps up: only a picture unchanged across a refresh has settled.
      { what: 'a settled picture of the link field', interval: 1_100 },
    ) as Promise<number[]>;
  };

  beforeAll(async () => {
    ({ stack, guests, call } = await startScene({ pick: 'Deskbridge demo call' }));
    const link = await shareFromPage(call);
    viewer = await joinAndAdmit(guests, call, link, 'Watcher');
    field = await call.getByRole('textbox', { name: 'Viewer link' }).evaluate((input) => {
      const rect = input.getBoundingClientRect();
      return {
        x: rect.left / innerWidth,
        y: rect.top / innerHeight,
        width: rect.width / innerWidth,
        height: rect.height / innerHeight,
      };
    });
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('the link field looks the same under two keys, and different when shown', async () => {
    const masked = await settledField();

    await renewLink(call);
    const maskedAgain = await settledField();
    // Glyphs change many pixels by a lot; the codec's noise changes few, by a little.
    console.info(`masked vs masked: ${changedShare(masked, maskedAgain)}`);
    expect(changedShare(masked, maskedAgain)).toBeLessThan(0.003);

    await call.getByRole('button', { name: 'Show' }).click();
    const shown = await waitFor(
      () => frameRegion(viewer, field),
      (region) => changedShare(region, masked) > 0.01,
      { what: 'the revealed key to change the field’s pixels' },
    );
    console.info(`shown vs masked: ${changedShare(shown, masked)}`);
    await call.getByRole('button', { name: 'Hide' }).click();
  });
});
