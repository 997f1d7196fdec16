import type { Page } from 'playwright-core';
import { waitFor } from './extension.js';
import { type AnyPage, evaluate } from './page-like.js';

export type Rgb = [number, number, number];
export interface Point {
  /** 0..1 of the frame's width. */
  x: number;
  /** 0..1 of the frame's height. */
  y: number;
}

/** The viewer's current decoded frame: its size and the mean colour around each point. */
export async function sampleFrame(
  page: AnyPage,
  points: Point[],
): Promise<{ width: number; height: number; colours: Rgb[] }> {
  return evaluate(
    page,
    (pts) => {
      const video = document.querySelector('video');
      if (!video || video.videoWidth === 0) throw new Error('no decoded frame');
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('no 2d context');
      context.drawImage(video, 0, 0);
      const colours = pts.map(({ x, y }) => {
        const px = Math.round(x * canvas.width);
        const py = Math.round(y * canvas.height);
        const { data } = context.getImageData(Math.max(0, px - 2), Math.max(0, py - 2), 5, 5);
        const sum = [0, 0, 0];
        for (let i = 0; i < data.length; i += 4)
          for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (data[i + c] ?? 0);
        const n = data.length / 4;
        return sum.map((s) => Math.round(s / n)) as [number, number, number];
      });
      return { width: canvas.width, height: canvas.height, colours };
    },
    points,
  );
}

/** Share of the frame's pixels (sampled on a grid) within `tolerance` of `colour`. */
export async function colourShare(
  page: AnyPage,
  colour: Rgb,
  tolerance = 40,
): Promise<{ share: number; width: number; height: number }> {
  return evaluate(
    page,
    ([target, tol]) => {
      const video = document.querySelector('video');
      if (!video || video.videoWidth === 0) throw new Error('no decoded frame');
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('no 2d context');
      context.drawImage(video, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let hits = 0;
      let total = 0;
      for (let i = 0; i < data.length; i += 4 * 97) {
        total++;
        const close = [0, 1, 2].every(
          (c) => Math.abs((data[i + c] ?? 0) - (target[c] ?? 0)) <= tol,
        );
        if (close) hits++;
      }
      return { share: hits / total, width: canvas.width, height: canvas.height };
    },
    [colour, tolerance] as const,
  );
}

export function near(actual: Rgb, expected: Rgb, tolerance = 48): boolean {
  return actual.every((value, i) => Math.abs(value - (expected[i] ?? 0)) <= tolerance);
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Grey levels of a region of the viewer's current frame (fractions of the frame). */
export async function frameRegion(page: AnyPage, region: Region): Promise<number[]> {
  return evaluate(
    page,
    (r) => {
      const video = document.querySelector('video');
      if (!video || video.videoWidth === 0) throw new Error('no decoded frame');
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('no 2d context');
      context.drawImage(video, 0, 0);
      const x = Math.round(r.x * canvas.width);
      const y = Math.round(r.y * canvas.height);
      const width = Math.max(1, Math.round(r.width * canvas.width));
      const height = Math.max(1, Math.round(r.height * canvas.height));
      const { data } = context.getImageData(x, y, width, height);
      const grey: number[] = [];
      for (let i = 0; i < data.length; i += 4) {
        grey.push(Math.round(((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3));
      }
      return grey;
    },
    region,
  );
}

/** Mean absolute difference of two equally sized grey regions (0 = identical). */
export function difference(a: number[], b: number[]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / Math.max(1, a.length);
}

/** Share of pixels that differ by more than `threshold` grey levels: text changes, noise does not. */
export function changedShare(a: number[], b: number[], threshold = 48): number {
  if (a.length !== b.length) return 1;
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > threshold) changed++;
  return changed / Math.max(1, a.length);
}

/** The demo call page's four blocks (`#pattern`), left to right. */
export const DEMO_PATTERN: Rgb[] = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [255, 255, 255],
];

/**
 * Waits until the guest's decoded frame shows the demo page's colour pattern where the shared
 * page has it, at `minWidth` pixels wide at least (the first frame may be a soft, smaller one).
 */
export async function waitForDemoPattern(
  shared: Page,
  viewer: AnyPage,
  { minWidth = 1000, timeout = 30_000 } = {},
): Promise<{ width: number; height: number; colours: Rgb[] }> {
  // Where the blocks are on the shared page, as fractions of its viewport = of the frame.
  const centres = await shared.evaluate(() =>
    [...document.querySelectorAll('#pattern > *')].map((block) => {
      const rect = block.getBoundingClientRect();
      return {
        x: (rect.left + rect.width / 2) / innerWidth,
        y: (rect.top + rect.height / 2) / innerHeight,
      };
    }),
  );
  if (centres.length !== DEMO_PATTERN.length) throw new Error('no colour pattern on the page');
  return waitFor(
    () => sampleFrame(viewer, centres),
    (sample) =>
      sample.width >= minWidth &&
      sample.colours.every((colour, i) => near(colour, DEMO_PATTERN[i] as Rgb)),
    { what: 'the colour pattern in the guest’s frame', timeout },
  );
}
