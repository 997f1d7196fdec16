// Draws the extension icons (a rounded blue square with a white screen) into assets/.
// Run once: `node scripts/make-icons.mjs`; the PNGs are committed, so the build needs no canvas.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [26, 115, 232];
const WHITE = [255, 255, 255];
const SAMPLES = 4; // 4×4 supersampling per pixel, for smooth edges at 16 px

/** Is (x, y), in 0..1 units, inside the rounded rectangle [x0, x1] × [y0, y1] with radius r? */
function inRoundedRect(x, y, [x0, y0, x1, y1], r) {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
}

/** Colour of one point of the icon: the monitor glyph over the blue tile, or transparent. */
function shade(x, y) {
  const screen = inRoundedRect(x, y, [0.18, 0.24, 0.82, 0.66], 0.05);
  const glass = inRoundedRect(x, y, [0.25, 0.31, 0.75, 0.59], 0.01);
  const neck = inRoundedRect(x, y, [0.45, 0.66, 0.55, 0.74], 0);
  const foot = inRoundedRect(x, y, [0.32, 0.73, 0.68, 0.8], 0.03);
  if ((screen && !glass) || neck || foot) return [...WHITE, 255];
  if (inRoundedRect(x, y, [0, 0, 1, 1], 0.22)) return [...BLUE, 255];
  return [0, 0, 0, 0];
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [r, g, b, a] = shade(
            (px + (sx + 0.5) / SAMPLES) / size,
            (py + (sy + 0.5) / SAMPLES) / size,
          );
          // Premultiply so transparent samples do not darken the edges.
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const o = (py * size + px) * 4;
      const alpha = sum[3] / SAMPLES ** 2;
      for (let c = 0; c < 3; c++) rgba[o + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
      rgba[o + 3] = Math.round(alpha);
    }
  }
  return rgba;
}

// --- Minimal PNG encoder: signature, IHDR, one IDAT, IEND (RGBA, 8 bits, no interlace). ---

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter, no interlace
  // Each scanline starts with its filter type; 0 = none.
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 48, 128]) {
  const file = new URL(`../assets/icon-${size}.png`, import.meta.url);
  writeFileSync(file, encodePng(size, render(size)));
  console.log(`wrote assets/icon-${size}.png`);
}
