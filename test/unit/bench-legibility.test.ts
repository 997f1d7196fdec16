import { describe, expect, it } from 'vitest';
import { type Luma, legibility, lumaOfRgba } from '../../bench/legibility.js';

/** Black "glyph" strokes on white, like a line of text. */
function text(width: number, height: number, shift = 0): Luma {
  const pixels = new Uint8Array(width * height).fill(255);
  for (let y = 4; y < height - 4; y++)
    for (let x = 0; x < width; x++)
      if ((x + shift) % 6 < 2 && y % 12 < 9) pixels[y * width + x] = 0;
  return { width, height, pixels };
}

function blur(image: Luma): Luma {
  const { width, height } = image;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let dx = -2; dx <= 2; dx++) {
        const v = image.pixels[y * width + Math.min(width - 1, Math.max(0, x + dx))];
        sum += v ?? 0;
        n += 1;
      }
      pixels[y * width + x] = Math.round(sum / n);
    }
  return { width, height, pixels };
}

describe('legibility', () => {
  it('is perfect for identical regions', () => {
    const image = text(64, 32);
    expect(legibility(image, image)).toEqual({ ssim: 1, meanAbsDiff: 0 });
  });

  it('drops when the strokes are blurred, and further when they are gone', () => {
    const source = text(64, 32);
    const blurred = legibility(source, blur(source));
    const blank = legibility(source, { ...source, pixels: new Uint8Array(64 * 32).fill(255) });
    expect(blurred.ssim).toBeLessThan(0.9);
    expect(blurred.ssim).toBeGreaterThan(blank.ssim);
    expect(blurred.meanAbsDiff).toBeGreaterThan(0);
  });

  it('notices strokes shifted out of place', () => {
    expect(legibility(text(64, 32), text(64, 32, 3)).ssim).toBeLessThan(0.5);
  });

  it('refuses regions of different sizes', () => {
    expect(() => legibility(text(64, 32), text(32, 32))).toThrow(/sizes differ/);
  });
});

describe('lumaOfRgba', () => {
  it('weighs red, green and blue as BT.601 does, and ignores alpha', () => {
    const rgba = new Uint8Array([255, 255, 255, 0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 9]);
    expect(lumaOfRgba(rgba, 2, 2)).toEqual({
      width: 2,
      height: 2,
      pixels: new Uint8Array([255, 76, 150, 29]),
    });
  });
});
