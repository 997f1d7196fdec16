import { describe, expect, it } from 'vitest';
import {
  toPixel,
  WHEEL_DOWN,
  WHEEL_LEFT,
  WHEEL_RIGHT,
  WHEEL_UP,
  wheelButtons,
  wheelClicks,
} from '../../native-host/src/pointer.js';

describe('toPixel', () => {
  it('maps 0..1 onto the screen, the last pixel being size − 1', () => {
    expect(toPixel(0.25, 0.5, 1280, 800)).toEqual({ x: 320, y: 400 });
    expect(toPixel(0, 0, 1280, 800)).toEqual({ x: 0, y: 0 });
    expect(toPixel(1, 1, 1280, 800)).toEqual({ x: 1279, y: 799 });
    expect(toPixel(0.9999, 0.9999, 1920, 1080)).toEqual({ x: 1919, y: 1079 });
  });

  it('clamps what the schema should already have refused', () => {
    expect(toPixel(-1, 2, 100, 100)).toEqual({ x: 0, y: 99 });
    expect(toPixel(Number.NaN, Number.POSITIVE_INFINITY, 100, 100)).toEqual({ x: 0, y: 0 });
    expect(toPixel(0.5, 0.5, 0, 0)).toEqual({ x: 0, y: 0 });
  });
});

describe('wheel', () => {
  it('gives one click per ~100 CSS px, at least one, at most ten', () => {
    expect(wheelClicks(0)).toBe(0);
    expect(wheelClicks(1)).toBe(1);
    expect(wheelClicks(-3)).toBe(-1);
    expect(wheelClicks(100)).toBe(1);
    expect(wheelClicks(160)).toBe(2);
    expect(wheelClicks(-300)).toBe(-3);
    expect(wheelClicks(1200)).toBe(10);
    expect(wheelClicks(Number.NaN)).toBe(0);
  });

  it('uses buttons 4/5 for vertical and 6/7 for horizontal scrolling', () => {
    expect(wheelButtons(0, 100)).toEqual([{ button: WHEEL_DOWN, count: 1 }]);
    expect(wheelButtons(0, -250)).toEqual([{ button: WHEEL_UP, count: 3 }]);
    expect(wheelButtons(120, 0)).toEqual([{ button: WHEEL_RIGHT, count: 1 }]);
    expect(wheelButtons(-40, 40)).toEqual([
      { button: WHEEL_DOWN, count: 1 },
      { button: WHEEL_LEFT, count: 1 },
    ]);
    expect(wheelButtons(0, 0)).toEqual([]);
    expect([WHEEL_UP, WHEEL_DOWN, WHEEL_LEFT, WHEEL_RIGHT]).toEqual([4, 5, 6, 7]);
  });
});
