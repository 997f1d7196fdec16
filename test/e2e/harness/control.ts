import type { Page } from 'playwright-core';
import { waitFor } from './extension.js';
import { type AnyPage, evaluate } from './page-like.js';

export interface Recorded {
  type: string;
  isTrusted: boolean;
  target: string;
  x?: number;
  y?: number;
  key?: string;
  value?: string;
  dy?: number;
}

/** What the shared page recorded (test/fixtures/demo/control.js). */
export function recorded(page: Page): Promise<Recorded[]> {
  return page.evaluate(() => (window as unknown as { recorded: Recorded[] }).recorded.slice());
}

/** The centre of an element of the shared page, as a fraction of its viewport. */
export async function fractionOf(
  page: Page,
  selector: string,
): Promise<{ nx: number; ny: number; x: number; y: number }> {
  return page.locator(selector).evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    return { nx: x / innerWidth, ny: y / innerHeight, x, y };
  });
}

/**
 * Where the viewer shows the point (nx, ny) of the picture, in its page coordinates: the video
 * element's box, letterboxed by object-fit: contain.
 */
export async function viewerPoint(
  viewer: AnyPage,
  nx: number,
  ny: number,
): Promise<{ x: number; y: number }> {
  return evaluate(
    viewer,
    ([fx, fy]) => {
      const video = document.querySelector('video');
      if (!video) throw new Error('no video');
      const rect = video.getBoundingClientRect();
      const scale = Math.min(rect.width / video.videoWidth, rect.height / video.videoHeight);
      const width = video.videoWidth * scale;
      const height = video.videoHeight * scale;
      const left = rect.left + (rect.width - width) / 2;
      const top = rect.top + (rect.height - height) / 2;
      return { x: left + fx * width, y: top + fy * height };
    },
    [nx, ny] as const,
  );
}

export async function controlState(viewer: AnyPage): Promise<string | undefined> {
  return evaluate(viewer, () => document.documentElement.dataset.control, null);
}

export function waitForControl(viewer: AnyPage, state: string): Promise<unknown> {
  return waitFor(
    () => controlState(viewer),
    (value) => value === state,
    { what: `control ${state}` },
  );
}

/**
 * Where the guest sees an element of the shared tab, in the viewer's page coordinates. The
 * picture the guest sees may lag the tab's shape (the debugger's infobar shrinks the tab), so
 * the element is placed on the picture as the tab lays it out: from the top left, scaled by
 * the width — as the guest would aim at it.
 */
export async function aimAt(
  viewer: AnyPage,
  shared: Page,
  selector: string,
): Promise<{ x: number; y: number; target: { x: number; y: number } }> {
  const target = await shared.locator(selector).evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return {
      x: rect.left + rect.width / 2,
      y: rect.top + rect.height / 2,
      width: innerWidth,
      height: innerHeight,
    };
  });
  // The tab's viewport may just have changed (the debugger's infobar comes with a grant): aim
  // at a picture of the tab as it is now, not at a frame from before.
  const aspect = await waitFor(
    () =>
      evaluate(
        viewer,
        () => {
          const video = document.querySelector('video');
          return video && video.videoWidth > 0 ? video.videoHeight / video.videoWidth : 0;
        },
        null,
      ),
    (shown) => Math.abs(shown * target.width - target.height) <= 2,
    { what: `a picture of the tab at ${target.width}×${target.height}` },
  );
  const point = await viewerPoint(
    viewer,
    target.x / target.width,
    target.y / (target.width * aspect),
  );
  return { ...point, target };
}
