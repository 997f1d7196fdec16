import type { Button } from '../../src/shared/input.js';

/** Pointer geometry and buttons for the X server. Pure. */

/**
 * 0..1 of the shared screen → a root-window pixel. The last pixel is size − 1, so nx = 1 stays
 * on the screen; out-of-range or non-finite input is clamped rather than trusted.
 */
export function toPixel(
  nx: number,
  ny: number,
  width: number,
  height: number,
): { x: number; y: number } {
  const axis = (n: number, size: number) => {
    if (!Number.isFinite(n) || size <= 0) return 0;
    return Math.min(size - 1, Math.max(0, Math.round(n * size)));
  };
  return { x: axis(nx, width), y: axis(ny, height) };
}

/** X core buttons: 1 left, 2 middle, 3 right; 4/5 wheel up/down, 6/7 wheel left/right. */
export const BUTTON_NUMBER: Record<Exclude<Button, 'none'>, number> = {
  left: 1,
  middle: 2,
  right: 3,
};

export const WHEEL_UP = 4;
export const WHEEL_DOWN = 5;
export const WHEEL_LEFT = 6;
export const WHEEL_RIGHT = 7;

/** CSS pixels per wheel click: what browsers scroll for one notch. */
export const WHEEL_STEP_PX = 100;
/** At most this many clicks per axis per event, whatever the delta says. */
export const MAX_WHEEL_CLICKS = 10;

/** A signed delta in CSS pixels → a signed number of clicks, at least one when non-zero. */
export function wheelClicks(delta: number): number {
  if (!Number.isFinite(delta) || delta === 0) return 0;
  const clicks = Math.min(
    MAX_WHEEL_CLICKS,
    Math.max(1, Math.round(Math.abs(delta) / WHEEL_STEP_PX)),
  );
  return Math.sign(delta) * clicks;
}

/** A wheel event's deltas → which X buttons to click and how often (vertical first). */
export function wheelButtons(dx: number, dy: number): Array<{ button: number; count: number }> {
  const out: Array<{ button: number; count: number }> = [];
  const vertical = wheelClicks(dy);
  if (vertical !== 0)
    out.push({ button: vertical > 0 ? WHEEL_DOWN : WHEEL_UP, count: Math.abs(vertical) });
  const horizontal = wheelClicks(dx);
  if (horizontal !== 0) {
    out.push({ button: horizontal > 0 ? WHEEL_RIGHT : WHEEL_LEFT, count: Math.abs(horizontal) });
  }
  return out;
}
