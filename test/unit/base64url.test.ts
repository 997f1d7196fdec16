import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../src/shared/base64url.js';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('base64url', () => {
  it.each([
    [bytes(), ''],
    [bytes(0), 'AA'],
    [bytes(0, 0), 'AAA'],
    [bytes(0, 0, 0), 'AAAA'],
    [bytes(0xfb, 0xff), '-_8'],
    [bytes(0xff, 0xff, 0xff), '____'],
    [new TextEncoder().encode('any carnal pleas'), 'YW55IGNhcm5hbCBwbGVhcw'],
  ])('encodes %o as %j without padding and back', (input, text) => {
    expect(toBase64Url(input)).toBe(text);
    expect(fromBase64Url(text)).toEqual(input);
  });

  it('round-trips every byte value and every length up to 70', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(all))).toEqual(all);
    for (let length = 0; length <= 70; length++) {
      const input = crypto.getRandomValues(new Uint8Array(length));
      expect(fromBase64Url(toBase64Url(input))).toEqual(input);
    }
  });

  it('uses only the URL-safe alphabet', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    expect(toBase64Url(all)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['padding', 'AA=='],
    ['a single padding character', 'AAA='],
    ['standard base64 "+"', 'a+b_'],
    ['standard base64 "/"', 'a/b-'],
    ['a space', 'AA AA'],
    ['a newline', 'AAAA\n'],
    ['a dot', 'AA.A'],
    ['a non-ASCII letter', 'AAÄA'],
    ['an impossible length (4n+1)', 'AAAAA'],
    ['unused bits set in the last character (one byte)', 'AB'],
    ['unused bits set in the last character (two bytes)', 'AAB'],
  ])('rejects %s', (_, text) => {
    expect(fromBase64Url(text)).toBeNull();
  });
});
