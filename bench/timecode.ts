import type { Page } from 'playwright-core';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the demo page's time-code strip is, as fractions of its viewport (= the tab's frame). */
export async function timecodeRect(page: Page): Promise<Rect> {
  return page.evaluate(() => {
    const strip = document.getElementById('timecode');
    if (!strip) throw new Error('the demo page has no #timecode strip');
    const rect = strip.getBoundingClientRect();
    return {
      x: rect.left / innerWidth,
      y: rect.top / innerHeight,
      width: rect.width / innerWidth,
      height: rect.height / innerHeight,
    };
  });
}

/**
 * Glass-to-glass latency: the shared page paints `Date.now() mod 2^32` as 32 black/white cells
 * every frame; the viewer reads them back from each presented video frame and subtracts.
 * Both browsers run on one machine, so they share the clock.
 */
export async function readLatencies(viewer: Page, strip: Rect, frames: number): Promise<number[]> {
  return viewer.evaluate(
    ({ rect, count }) =>
      new Promise<number[]>((resolve, reject) => {
        const video = document.querySelector('video');
        if (!video) return reject(new Error('no video'));
        const canvas = document.createElement('canvas');
        const context = canvas.getContext('2d', { willReadFrequently: true });
        if (!context) return reject(new Error('no 2d context'));
        const samples: number[] = [];
        const timer = setTimeout(() => resolve(samples), 20_000);
        const onFrame = () => {
          const now = Date.now();
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0);
          let code = 0;
          for (let bit = 0; bit < 32; bit++) {
            const x = (rect.x + (rect.width * (bit + 0.5)) / 32) * canvas.width;
            const y = (rect.y + rect.height / 2) * canvas.height;
            const [r = 0, g = 0, b = 0] = context.getImageData(
              Math.round(x),
              Math.round(y),
              1,
              1,
            ).data;
            code = code * 2 + (r + g + b > 384 ? 1 : 0);
          }
          const latency = (now % 2 ** 32) - code;
          // A misread frame (cells mid-transition) shows as an absurd value: skip it.
          if (latency >= 0 && latency < 2_000) samples.push(latency);
          if (samples.length >= count) {
            clearTimeout(timer);
            resolve(samples);
          } else video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
      }),
    { rect: strip, count: frames },
  );
}
