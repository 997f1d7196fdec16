import { describe, expect, it } from 'vitest';
import { guessSurfaceKind } from '../../src/shared/surface-guess.js';

const cap = { width: 3840, height: 2160 };

describe('guessSurfaceKind (Firefox reports no displaySurface)', () => {
  it('takes a frame the size of the screen for the screen', () => {
    expect(guessSurfaceKind({ width: 1280, height: 800 }, { width: 1280, height: 800 }, cap)).toBe(
      'monitor',
    );
  });

  it('allows a pixel or two of rounding', () => {
    expect(
      guessSurfaceKind({ width: 2879, height: 1800 }, { width: 2880, height: 1800 }, cap),
    ).toBe('monitor');
  });

  it('takes a screen larger than the cap, scaled down with its shape, for the screen', () => {
    expect(
      guessSurfaceKind({ width: 3840, height: 1620 }, { width: 5120, height: 2160 }, cap),
    ).toBe('monitor');
  });

  it('takes anything smaller for a window, which is never controllable', () => {
    expect(guessSurfaceKind({ width: 1280, height: 740 }, { width: 1280, height: 800 }, cap)).toBe(
      'window',
    );
    expect(
      guessSurfaceKind({ width: 3840, height: 2000 }, { width: 5120, height: 2160 }, cap),
    ).toBe('window');
  });

  it('says unknown for an empty frame or screen', () => {
    expect(guessSurfaceKind({ width: 0, height: 0 }, { width: 1280, height: 800 }, cap)).toBe(
      'unknown',
    );
    expect(guessSurfaceKind({ width: 1280, height: 800 }, { width: 0, height: 800 }, cap)).toBe(
      'unknown',
    );
  });
});
