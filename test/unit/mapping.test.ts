import { describe, expect, it } from 'vitest';
import {
  type Box,
  containedBox,
  normalise,
  normaliseClamped,
  toSurface,
  toViewport,
} from '../../src/shared/mapping.js';

const EMPTY: Box = { x: 0, y: 0, width: 0, height: 0 };

/** A 1280×720 picture in a 1000×900 element: 1000 × 562.5, bars of 168.75 above and below. */
const LETTERBOX = containedBox(1000, 900, 1280, 720);
/** The same picture in a 1000×400 element: 711.1 × 400, bars left and right. */
const PILLARBOX = containedBox(1000, 400, 1280, 720);

describe('containedBox', () => {
  it('letterboxes a wide picture in a tall element: full width, bars top and bottom', () => {
    expect(LETTERBOX).toEqual({ x: 0, y: 168.75, width: 1000, height: 562.5 });
  });

  it('pillarboxes a wide picture in a wider element: full height, bars left and right', () => {
    expect(PILLARBOX.y).toBe(0);
    expect(PILLARBOX.height).toBe(400);
    expect(PILLARBOX.width).toBeCloseTo(711.111, 3);
    expect(PILLARBOX.x).toBeCloseTo(144.444, 3);
    expect(PILLARBOX.x * 2 + PILLARBOX.width).toBeCloseTo(1000, 9);
  });

  it('fills an element of the same shape exactly, with no bars', () => {
    expect(containedBox(640, 360, 1280, 720)).toEqual({ x: 0, y: 0, width: 640, height: 360 });
    expect(containedBox(2560, 1440, 1280, 720)).toEqual({ x: 0, y: 0, width: 2560, height: 1440 });
  });

  it('pillarboxes a portrait picture in a landscape element', () => {
    expect(containedBox(1600, 900, 1080, 1920)).toEqual({
      x: (1600 - 506.25) / 2,
      y: 0,
      width: 506.25,
      height: 900,
    });
  });

  it('keeps the picture’s shape and centres it', () => {
    for (const [ew, eh, vw, vh] of [
      [1000, 900, 1280, 720],
      [1000, 400, 1280, 720],
      [333, 777, 1920, 1080],
      [1, 1, 3840, 2160],
    ] as const) {
      const box = containedBox(ew, eh, vw, vh);
      expect(box.width / box.height).toBeCloseTo(vw / vh, 9);
      expect(box.x * 2 + box.width).toBeCloseTo(ew, 9);
      expect(box.y * 2 + box.height).toBeCloseTo(eh, 9);
      expect(Math.min(box.x, box.y)).toBeCloseTo(0, 9);
    }
  });

  it.each([
    ['a video of zero width', [1000, 900, 0, 720]],
    ['a video of zero height', [1000, 900, 1280, 0]],
    ['a video with no size yet', [1000, 900, 0, 0]],
    ['an element of zero width', [0, 900, 1280, 720]],
    ['an element of zero height', [1000, 0, 1280, 720]],
    ['a negative video size', [1000, 900, -1280, 720]],
    ['a negative element size', [-1000, 900, 1280, 720]],
  ] as [string, [number, number, number, number]][])('is empty for %s', (_, sizes) => {
    expect(containedBox(...sizes)).toEqual(EMPTY);
  });
});

describe('normalise', () => {
  it.each([
    ['the top left corner of the picture', 0, 168.75, 0, 0],
    ['the top right corner', 1000, 168.75, 1, 0],
    ['the bottom left corner', 0, 731.25, 0, 1],
    ['the bottom right corner', 1000, 731.25, 1, 1],
    ['the centre', 500, 450, 0.5, 0.5],
    ['a quarter of the way in', 250, 168.75 + 562.5 / 4, 0.25, 0.25],
  ])('maps %s of a letterboxed picture to (%d, %d) → (%d, %d)', (_, x, y, nx, ny) => {
    expect(normalise(x, y, LETTERBOX)).toEqual({ nx, ny });
  });

  it.each([
    ['the top bar', 500, 100],
    ['the very top of the element', 500, 0],
    ['just above the picture', 500, 168.7],
    ['the bottom bar', 500, 800],
    ['just below the picture', 500, 731.3],
    ['the very bottom of the element', 500, 900],
    ['left of the element', -1, 450],
    ['right of the element', 1000.01, 450],
  ])('answers null for a click on %s', (_, x, y) => {
    expect(normalise(x, y, LETTERBOX)).toBeNull();
  });

  it.each([
    ['the left bar', 100, 200],
    ['the right bar', 900, 200],
    ['just left of the picture', PILLARBOX.x - 0.01, 200],
    ['just right of the picture', PILLARBOX.x + PILLARBOX.width + 0.01, 200],
  ])('answers null for a click on %s of a pillarboxed picture', (_, x, y) => {
    expect(normalise(x, y, PILLARBOX)).toBeNull();
  });

  it('maps the edges of a pillarboxed picture to 0 and 1', () => {
    expect(normalise(PILLARBOX.x, 0, PILLARBOX)).toEqual({ nx: 0, ny: 0 });
    expect(normalise(PILLARBOX.x + PILLARBOX.width, 400, PILLARBOX)).toEqual({ nx: 1, ny: 1 });
    expect(normalise(500, 200, PILLARBOX)).toEqual({ nx: 0.5, ny: 0.5 });
  });

  it('answers null for any point when there is no picture yet', () => {
    for (const [x, y] of [
      [0, 0],
      [500, 450],
      [-1, -1],
    ]) {
      expect(normalise(x as number, y as number, EMPTY)).toBeNull();
    }
  });

  it.each([
    ['zero width', { x: 0, y: 0, width: 0, height: 10 }],
    ['zero height', { x: 0, y: 0, width: 10, height: 0 }],
    ['negative width', { x: 0, y: 0, width: -10, height: 10 }],
  ])('answers null for a box of %s', (_, box) => {
    expect(normalise(0, 0, box)).toBeNull();
  });

  it.each([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'answers null for a point at %d',
    (far) => {
      expect(normalise(far, 450, LETTERBOX)).toBeNull();
      expect(normalise(500, far, LETTERBOX)).toBeNull();
    },
  );
});

describe('normaliseClamped', () => {
  it('agrees with normalise on the picture', () => {
    for (const [x, y] of [
      [0, 168.75],
      [1000, 731.25],
      [500, 450],
      [123.4, 567.8],
    ] as const) {
      expect(normaliseClamped(x, y, LETTERBOX)).toEqual(normalise(x, y, LETTERBOX));
    }
  });

  it.each([
    ['the top bar', 500, 100, 0.5, 0],
    ['the bottom bar', 250, 850, 0.25, 1],
    ['far left, beyond the element', -500, 450, 0, 0.5],
    ['far right, beyond the element', 5000, 450, 1, 0.5],
    ['above and left', -1, -1, 0, 0],
    ['below and right', 2000, 2000, 1, 1],
    ['off at infinity', Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1, 0],
  ])('keeps a drag on %s at the picture’s edge', (_, x, y, nx, ny) => {
    expect(normaliseClamped(x, y, LETTERBOX)).toEqual({ nx, ny });
  });

  it('keeps a drag into the side bars of a pillarboxed picture on its edge', () => {
    expect(normaliseClamped(50, 100, PILLARBOX)).toEqual({ nx: 0, ny: 0.25 });
    expect(normaliseClamped(950, 300, PILLARBOX)).toEqual({ nx: 1, ny: 0.75 });
  });

  it('answers the top left corner when there is no picture', () => {
    expect(normaliseClamped(500, 450, EMPTY)).toEqual({ nx: 0, ny: 0 });
  });
});

describe('toSurface', () => {
  it.each([
    ['the top left corner', 0, 0, 0, 0],
    ['the bottom right corner, which stays on the last pixel', 1, 1, 1919, 1079],
    ['the centre', 0.5, 0.5, 960, 540],
    ['a quarter of the way', 0.25, 0.25, 480, 270],
  ])('maps %s of a 1920×1080 surface, (%d, %d), to pixel (%i, %i)', (_, nx, ny, x, y) => {
    expect(toSurface(nx, ny, 1920, 1080)).toEqual({ x, y });
  });

  it.each([
    [0.1, 0], // 0.4 rounds down
    [0.125, 1], // 0.5 rounds up
    [0.3, 1], // 1.2
    [0.375, 2], // 1.5 rounds up
    [0.625, 3], // 2.5 rounds up
    [0.8, 3], // 3.2
    [0.875, 3], // 3.5 would round to 4, off the surface: the last pixel
    [1, 3],
  ])('rounds %d of a surface 4 pixels wide to pixel %i', (nx, x) => {
    expect(toSurface(nx, 0, 4, 4)).toEqual({ x, y: 0 });
  });

  it.each([
    ['below 0', -0.5, -2, 0, 0],
    ['above 1', 1.5, 3, 1279, 719],
    ['at minus infinity', Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, 0],
    ['at infinity', Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 1279, 719],
  ])('clamps a point %s onto the surface', (_, nx, ny, x, y) => {
    expect(toSurface(nx, ny, 1280, 720)).toEqual({ x, y });
  });

  it('puts every point of a one-pixel surface on that pixel', () => {
    for (const n of [0, 0.49, 0.5, 1]) expect(toSurface(n, n, 1, 1)).toEqual({ x: 0, y: 0 });
  });

  it('gives whole pixels on the surface for any point from 0 to 1', () => {
    for (let i = 0; i <= 1000; i++) {
      const n = i / 1000;
      const { x, y } = toSurface(n, 1 - n, 1366, 768);
      expect(Number.isInteger(x) && x >= 0 && x <= 1365, `${n}`).toBe(true);
      expect(Number.isInteger(y) && y >= 0 && y <= 767, `${n}`).toBe(true);
    }
  });

  // A tab can report a viewport of 0×0 (minimised, or not laid out yet): there is no pixel to
  // hit, and a negative coordinate is never one.
  it('never answers a negative pixel, even for a surface of zero size', () => {
    for (const [width, height] of [
      [0, 0],
      [0, 720],
      [1280, 0],
    ] as const) {
      for (const n of [0, 0.5, 1]) {
        const { x, y } = toSurface(n, n, width, height);
        expect(Math.min(x, y), `${n} on ${width}×${height}`).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('from a click on the viewer to a pixel on the sharer', () => {
  it.each([
    ['the picture’s top left', 0, 168.75, { x: 0, y: 0 }],
    ['the picture’s centre', 500, 450, { x: 640, y: 360 }],
    ['the picture’s bottom right', 1000, 731.25, { x: 1279, y: 719 }],
  ])('lands a click on %s of a 1280×720 share where it was aimed', (_, x, y, pixel) => {
    const at = normalise(x, y, LETTERBOX);
    expect(at).not.toBeNull();
    if (at) expect(toSurface(at.nx, at.ny, 1280, 720)).toEqual(pixel);
  });

  it('lands nothing for a click on the bars', () => {
    expect(normalise(500, 50, LETTERBOX)).toBeNull();
    expect(normalise(50, 200, PILLARBOX)).toBeNull();
  });
});

describe('toViewport: a point of the frame the guest saw, on the tab as it is now', () => {
  it('stretches both axes when the frame’s shape is unknown', () => {
    expect(toViewport(0.5, 0.5, 1280, 720)).toEqual({ x: 640, y: 360 });
  });

  it('keeps a click on the same CSS pixel after the viewport lost height at the bottom', () => {
    // The guest aimed at y = 240 of a 1280×712 frame; an infobar has since shrunk the tab to 657.
    expect(toViewport(400 / 1280, 240 / 712, 1280, 657, 712 / 1280)).toEqual({ x: 400, y: 240 });
  });

  it('stays on the viewport when the frame was taller than the tab is now', () => {
    expect(toViewport(0.5, 1, 1280, 657, 712 / 1280)).toEqual({ x: 640, y: 656 });
  });
});
