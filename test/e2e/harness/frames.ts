import type { Page } from 'playwright-core';
import { waitFor } from './extension.js';

/** Frames the viewer's video has presented so far (0 without a video). */
export function framesShown(viewer: Page): Promise<number> {
  return viewer.evaluate(
    () => document.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
  );
}

/** Waits until the viewer has presented `count` more frames than now: the picture still moves. */
export async function waitForNewFrames(viewer: Page, count = 10, timeout = 30_000): Promise<void> {
  const start = await framesShown(viewer);
  await waitFor(
    () => framesShown(viewer),
    (frames) => frames >= start + count,
    { timeout, what: `${count} new frames (from ${start})` },
  );
}
