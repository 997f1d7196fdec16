import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  BUTTONS,
  type InputEvent,
  InputEventSchema,
  MAX_TEXT_LENGTH,
  MAX_WHEEL_DELTA,
  MODIFIER,
} from '../../src/shared/input.js';

const parse = (input: unknown) => v.safeParse(InputEventSchema, input);
const accepts = (input: unknown) => parse(input).success;
const output = (input: unknown) => {
  const result = parse(input);
  if (!result.success) throw new Error(`refused: ${result.issues[0]?.message}`);
  return result.output;
};

const pointer = { kind: 'pointer', action: 'down', nx: 0.5, ny: 0.25, button: 'left', clicks: 1 };
const wheel = { kind: 'wheel', nx: 0.5, ny: 0.5, dx: 0, dy: -120 };
const key = { kind: 'key', action: 'down', code: 'KeyA', key: 'a', modifiers: 0 };
const text = { kind: 'text', text: 'héllo 世界' };

describe('InputEventSchema accepts', () => {
  it.each([
    ['a pointer press', pointer],
    ['a pointer move with no button', { ...pointer, action: 'move', button: 'none', clicks: 0 }],
    ['a pointer release', { ...pointer, action: 'up' }],
    ['a wheel turn', wheel],
    ['a key press', key],
    ['a key release', { ...key, action: 'up' }],
    ['typed text', text],
  ] as [string, InputEvent][])('%s as it is', (_, event) => {
    expect(output(event)).toEqual(event);
  });

  it.each(BUTTONS)('the button %s', (button) => {
    expect(accepts({ ...pointer, button })).toBe(true);
  });

  it('knows exactly the buttons none, left, middle and right', () => {
    expect(BUTTONS).toEqual(['none', 'left', 'middle', 'right']);
  });

  it.each(['move', 'down', 'up'])('the pointer action %s', (action) => {
    expect(accepts({ ...pointer, action })).toBe(true);
  });

  it.each([0, 1, 2, 3])('a click count of %i', (clicks) => {
    expect(accepts({ ...pointer, clicks })).toBe(true);
  });

  it.each([
    ['the top left corner', 0, 0],
    ['the bottom right corner', 1, 1],
    ['the middle', 0.5, 0.5],
    ['a point a hair inside the edge', 1 - Number.EPSILON, Number.MIN_VALUE],
    ['negative zero', -0, -0],
  ])('a point at %s', (_, nx, ny) => {
    expect(accepts({ ...pointer, nx, ny })).toBe(true);
    expect(accepts({ ...wheel, nx, ny })).toBe(true);
  });

  it('a key with an empty code, for a key whose physical place is unknown', () => {
    expect(accepts({ ...key, code: '' })).toBe(true);
  });

  it.each([
    ['one character', 'a'],
    ['a named key', 'ArrowLeft'],
    ['an accented letter', 'é'],
    ['an emoji made of two UTF-16 units', '😀'],
    ['32 characters', 'k'.repeat(32)],
  ])('a key whose key is %s', (_, value) => {
    expect(accepts({ ...key, key: value })).toBe(true);
  });

  it('a code of 32 letters and digits', () => {
    expect(accepts({ ...key, code: 'A1'.repeat(16) })).toBe(true);
  });

  it.each(Array.from({ length: 16 }, (_, bits) => bits))('the modifier bits %i', (modifiers) => {
    expect(accepts({ ...key, modifiers })).toBe(true);
  });

  it.each([
    ['one character', 'a'],
    [`${MAX_TEXT_LENGTH} characters`, 'x'.repeat(MAX_TEXT_LENGTH)],
    ['a line break', '\n'],
    ['right-to-left text', 'שלום'],
  ])('text of %s', (_, value) => {
    expect(accepts({ kind: 'text', text: value })).toBe(true);
  });

  it('drops anything extra, at the top and in a pointer', () => {
    expect(output({ ...pointer, extra: 1, __proto__x: 2 })).toEqual(pointer);
    expect(output({ ...text, admin: true })).toEqual(text);
  });
});

describe('InputEventSchema refuses', () => {
  const NON_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

  it.each([
    ['null', null],
    ['a string', 'pointer'],
    ['an empty object', {}],
    ['no kind', { ...pointer, kind: undefined }],
    ['an unknown kind', { ...pointer, kind: 'touch' }],
    ['a kind in capitals', { ...pointer, kind: 'POINTER' }],
    ['an array', [pointer]],
  ])('%s', (_, input) => {
    expect(accepts(input)).toBe(false);
  });

  describe.each([
    ['pointer', pointer],
    ['wheel', wheel],
  ] as const)('a %s', (_, event) => {
    it.each([
      ['nx below 0', { nx: -0.0001 }],
      ['nx above 1', { nx: 1.0001 }],
      ['ny below 0', { ny: -1e-9 }],
      ['ny above 1', { ny: 2 }],
      ...NON_FINITE.map((n) => [`nx ${n}`, { nx: n }] as const),
      ...NON_FINITE.map((n) => [`ny ${n}`, { ny: n }] as const),
      ['nx as a string', { nx: '0.5' }],
      ['ny null', { ny: null }],
      ['no nx', { nx: undefined }],
    ] as [string, Record<string, unknown>][])('with %s', (_, change) => {
      expect(accepts({ ...event, ...change })).toBe(false);
    });
  });

  it.each([
    ['an unknown action', { action: 'click' }],
    ['an unknown button', { button: 'back' }],
    ['a button as a number', { button: 0 }],
    ['a click count of 4', { clicks: 4 }],
    ['a negative click count', { clicks: -1 }],
    ['a fractional click count', { clicks: 1.5 }],
    ['a click count of NaN', { clicks: Number.NaN }],
    ['a click count of Infinity', { clicks: Number.POSITIVE_INFINITY }],
    ['no click count', { clicks: undefined }],
    ['no button', { button: undefined }],
  ])('a pointer with %s', (_, change) => {
    expect(accepts({ ...pointer, ...change })).toBe(false);
  });

  it.each([
    ...NON_FINITE.map((n) => [`dx ${n}`, { dx: n }] as const),
    ...NON_FINITE.map((n) => [`dy ${n}`, { dy: n }] as const),
    ['dx as a string', { dx: '10' }],
    ['no dy', { dy: undefined }],
  ] as [string, Record<string, unknown>][])('a wheel with %s', (_, change) => {
    expect(accepts({ ...wheel, ...change })).toBe(false);
  });

  it.each([
    ['an unknown action', { action: 'press' }],
    ['a code of 33 characters', { code: 'A'.repeat(33) }],
    ['a code with a dash', { code: 'Key-A' }],
    ['a code with a space', { code: 'Key A' }],
    ['a code with an underscore', { code: '__proto__' }],
    ['a code with a non-ASCII letter', { code: 'KeyÄ' }],
    ['a code with a line break', { code: 'KeyA\n' }],
    ['no code', { code: undefined }],
    ['an empty key', { key: '' }],
    ['a key of 33 characters', { key: 'k'.repeat(33) }],
    ['no key', { key: undefined }],
    ['modifier bits 16', { modifiers: 16 }],
    ['negative modifier bits', { modifiers: -1 }],
    ['fractional modifier bits', { modifiers: 2.5 }],
    ['modifier bits NaN', { modifiers: Number.NaN }],
    ['modifier bits as a string', { modifiers: '2' }],
  ])('a key with %s', (_, change) => {
    expect(accepts({ ...key, ...change })).toBe(false);
  });

  it.each([
    ['empty text', ''],
    [`text of ${MAX_TEXT_LENGTH + 1} characters`, 'x'.repeat(MAX_TEXT_LENGTH + 1)],
    ['text as a number', 42],
    ['text as an array', ['a']],
    ['no text', undefined],
  ])('%s', (_, value) => {
    expect(accepts({ kind: 'text', text: value })).toBe(false);
  });
});

describe('wheel deltas', () => {
  it(`are limited to ±${MAX_WHEEL_DELTA} CSS pixels`, () => {
    expect(MAX_WHEEL_DELTA).toBe(1200);
  });

  it.each([
    [0, 0],
    [1, 1],
    [-120, -120],
    [0.5, 0.5],
    [1199.5, 1199.5],
    [1200, 1200],
    [-1200, -1200],
    [1200.0001, 1200],
    [1201, 1200],
    [-1201, -1200],
    [5000, 1200],
    [-5000, -1200],
    [Number.MAX_VALUE, 1200],
    [-Number.MAX_VALUE, -1200],
  ])('clamp %d to %d rather than refusing it', (delta, clamped) => {
    expect(output({ ...wheel, dx: delta, dy: delta })).toEqual({
      ...wheel,
      dx: clamped,
      dy: clamped,
    });
  });

  it('clamp each axis on its own', () => {
    expect(output({ ...wheel, dx: -9999, dy: 30 })).toMatchObject({ dx: -1200, dy: 30 });
  });

  it('come out the same when parsed a second time', () => {
    const once = output({ ...wheel, dx: 4000, dy: -4000 });
    expect(output(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });
});

describe('MODIFIER', () => {
  it("uses CDP's bits: Alt 1, Ctrl 2, Meta 4, Shift 8", () => {
    expect(MODIFIER).toEqual({ alt: 1, ctrl: 2, meta: 4, shift: 8 });
  });

  it('fits every combination in the 0..15 the schema accepts', () => {
    const all = MODIFIER.alt | MODIFIER.ctrl | MODIFIER.meta | MODIFIER.shift;
    expect(all).toBe(15);
    expect(accepts({ ...key, modifiers: all })).toBe(true);
  });
});
