/**
 * Legibility of a text region: the decoded frame at the viewer against the source rendering,
 * both as 8-bit luma of the same size. Pure math, so it is unit-tested (test/unit/bench-legibility).
 */
export interface Luma {
  width: number;
  height: number;
  /** Row-major, one byte per pixel. */
  pixels: Uint8Array;
}

/** 8-bit luma (BT.601 weights) of RGBA pixels, as the browser's canvas reads them out. */
export function lumaOfRgba(rgba: Uint8Array, width: number, height: number): Luma {
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = Math.round(
      0.299 * (rgba[i * 4] ?? 0) + 0.587 * (rgba[i * 4 + 1] ?? 0) + 0.114 * (rgba[i * 4 + 2] ?? 0),
    );
  }
  return { width, height, pixels };
}

export interface Legibility {
  /** Mean SSIM over 8×8 windows (stride 4): 1 is identical, text stays readable above ~0.9. */
  ssim: number;
  /** Mean absolute luma difference, 0–255. */
  meanAbsDiff: number;
}

const WINDOW = 8;
const STRIDE = 4;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

/** SSIM of one window whose top-left corner is (x0, y0). */
function windowSsim(a: Luma, b: Luma, x0: number, y0: number): number {
  let sumA = 0;
  let sumB = 0;
  let sumAA = 0;
  let sumBB = 0;
  let sumAB = 0;
  for (let y = y0; y < y0 + WINDOW; y++) {
    for (let x = x0; x < x0 + WINDOW; x++) {
      const i = y * a.width + x;
      const pa = a.pixels[i] ?? 0;
      const pb = b.pixels[i] ?? 0;
      sumA += pa;
      sumB += pb;
      sumAA += pa * pa;
      sumBB += pb * pb;
      sumAB += pa * pb;
    }
  }
  const n = WINDOW * WINDOW;
  const meanA = sumA / n;
  const meanB = sumB / n;
  const varA = sumAA / n - meanA * meanA;
  const varB = sumBB / n - meanB * meanB;
  const cov = sumAB / n - meanA * meanB;
  return (
    ((2 * meanA * meanB + C1) * (2 * cov + C2)) /
    ((meanA * meanA + meanB * meanB + C1) * (varA + varB + C2))
  );
}

export function legibility(source: Luma, decoded: Luma): Legibility {
  const { width, height } = source;
  if (decoded.width !== width || decoded.height !== height)
    throw new Error(`sizes differ: ${width}×${height} vs ${decoded.width}×${decoded.height}`);
  if (width < WINDOW || height < WINDOW) throw new Error('region smaller than one window');
  let total = 0;
  let windows = 0;
  for (let y = 0; y + WINDOW <= height; y += STRIDE) {
    for (let x = 0; x + WINDOW <= width; x += STRIDE) {
      total += windowSsim(source, decoded, x, y);
      windows += 1;
    }
  }
  let diff = 0;
  for (let i = 0; i < width * height; i++)
    diff += Math.abs((source.pixels[i] ?? 0) - (decoded.pixels[i] ?? 0));
  return { ssim: total / windows, meanAbsDiff: diff / (width * height) };
}
