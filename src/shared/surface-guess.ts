import type { SurfaceKind } from './session.js';

export interface Size {
  width: number;
  height: number;
}

/**
 * Firefox's capture tracks carry no `displaySurface` (measured: ESR 153), and its picker offers
 * only screens and windows. A frame the size of the sharer's screen, in device pixels (or that
 * screen scaled down to the capture's cap, same shape), is the screen; anything else is taken
 * for a window, which is never controllable — a wrong guess can only withhold control.
 */
export function guessSurfaceKind(frame: Size, screen: Size, cap: Size): SurfaceKind {
  if (frame.width <= 0 || frame.height <= 0 || screen.width <= 0 || screen.height <= 0) {
    return 'unknown';
  }
  const close = (a: number, b: number) => Math.abs(a - b) <= 2;
  if (close(frame.width, screen.width) && close(frame.height, screen.height)) return 'monitor';
  const scaledToCap = close(frame.width, cap.width) || close(frame.height, cap.height);
  const sameShape =
    Math.abs(frame.width / frame.height - screen.width / screen.height) <
    0.005 * (screen.width / screen.height);
  const screenOverCap = screen.width > cap.width || screen.height > cap.height;
  return screenOverCap && scaledToCap && sameShape ? 'monitor' : 'window';
}
