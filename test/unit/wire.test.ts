import { describe, expect, it } from 'vitest';
import {
  BYE_REASONS,
  cleanName,
  DENY_REASONS,
  MAX_NAME_LENGTH,
  parseSharerMessage,
  parseViewerMessage,
  type SharerMessage,
  type ViewerMessage,
  WIRE_VERSION,
  wire,
} from '../../src/shared/wire.js';

const MAC = 'x'.repeat(43);

const viewerMessages: ViewerMessage[] = [
  { v: 1, type: 'hello', name: 'Ann' },
  { v: 1, type: 'proof', mac: MAC },
  { v: 1, type: 'ping', t: 0 },
  { v: 1, type: 'pong', t: 1_700_000_000_000.5 },
  ...BYE_REASONS.map((reason) => ({ v: 1, type: 'bye', reason }) as const),
];

const sharerMessages: SharerMessage[] = [
  { v: 1, type: 'challenge', nonce: MAC },
  { v: 1, type: 'admitted' },
  ...DENY_REASONS.map((reason) => ({ v: 1, type: 'denied', reason }) as const),
  ...(['monitor', 'window', 'browser', 'unknown'] as const).map(
    (kind) => ({ v: 1, type: 'surface', width: 1920, height: 1080, kind }) as const,
  ),
  { v: 1, type: 'surface', width: 0, height: 16384, kind: 'monitor' },
  { v: 1, type: 'ping', t: 12.5 },
  { v: 1, type: 'pong', t: 0 },
  ...BYE_REASONS.map((reason) => ({ v: 1, type: 'bye', reason }) as const),
];

describe('parseViewerMessage', () => {
  it.each(viewerMessages)('accepts $type $reason', (message) => {
    expect(parseViewerMessage(message)).toEqual({ ok: true, message });
  });

  it.each(sharerMessages.filter((m) => !['ping', 'pong', 'bye'].includes(m.type)))(
    'refuses the sharer-only $type',
    (message) => {
      expect(parseViewerMessage(message).ok).toBe(false);
    },
  );
});

describe('parseSharerMessage', () => {
  it.each(sharerMessages)('accepts $type $reason$kind', (message) => {
    expect(parseSharerMessage(message)).toEqual({ ok: true, message });
  });

  it.each(viewerMessages.filter((m) => m.type === 'hello' || m.type === 'proof'))(
    'refuses the viewer-only $type',
    (message) => {
      expect(parseSharerMessage(message).ok).toBe(false);
    },
  );

  it.each([
    ['a width over 16384', { width: 16385 }],
    ['a fractional height', { height: 720.5 }],
    ['a negative width', { width: -1 }],
    ['an unknown surface kind', { kind: 'tab' }],
  ])('refuses a surface with %s', (_, change) => {
    const surface = { v: 1, type: 'surface', width: 1, height: 1, kind: 'monitor', ...change };
    expect(parseSharerMessage(surface).ok).toBe(false);
  });

  it.each([
    ['an unknown deny reason', { v: 1, type: 'denied', reason: 'banned' }],
    ['a nonce with a space', { v: 1, type: 'challenge', nonce: 'a b' }],
    ['an empty nonce', { v: 1, type: 'challenge', nonce: '' }],
    ['a nonce of 129 characters', { v: 1, type: 'challenge', nonce: 'n'.repeat(129) }],
  ])('refuses %s', (_, message) => {
    expect(parseSharerMessage(message).ok).toBe(false);
  });
});

describe('wire', () => {
  it('stamps the wire version on a message', () => {
    expect(WIRE_VERSION).toBe(1);
    expect(wire<SharerMessage>({ type: 'admitted' })).toEqual({ v: 1, type: 'admitted' });
    expect(wire<ViewerMessage>({ type: 'ping', t: 5 })).toEqual({ v: 1, type: 'ping', t: 5 });
  });
});

describe('cleanName', () => {
  it.each([
    ['Ann', 'Ann'],
    ['  Ann   Lee  ', 'Ann Lee'],
    ['Ann\u00a0\u2003Lee', 'Ann Lee'],
    ['A\u0000n\u0007n\u001b[31m', 'Ann[31m'],
    ['Ann\u007f\u0085\u009f', 'Ann'],
    ['\u200bAnn\u200b', 'Ann'],
    // Joiners stay: emoji sequences and Persian or Indic names need them.
    ['\u{1F469}\u200d\u{1F4BB} Ann', '\u{1F469}\u200d\u{1F4BB} Ann'],
    ['Ann \u202eevil\u202c', 'Ann evil'],
    ['\u2066Ann\u2069', 'Ann'],
    ['Zoë 李 😀', 'Zoë 李 😀'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['"quotes" & \'ampersands\'', '"quotes" & \'ampersands\''],
  ])('cleans %j to %j', (raw, clean) => {
    expect(cleanName(raw)).toBe(clean);
  });

  it('removes every bidirectional control character', () => {
    for (const code of [0x61c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e]) {
      expect(cleanName(`a${String.fromCharCode(code)}b`), code.toString(16)).toBe('ab');
    }
    for (const code of [0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(cleanName(`a${String.fromCharCode(code)}b`), code.toString(16)).toBe('ab');
    }
  });

  it('removes every C0 and C1 control character', () => {
    for (let code = 0; code <= 0x9f; code++) {
      if (code > 0x1f && code < 0x7f) continue;
      expect(cleanName(`a${String.fromCharCode(code)}b`).replace(' ', '')).toBe('ab');
    }
  });

  it('keeps words apart that a tab or a line break separated', () => {
    expect(cleanName('Ann\tLee')).toBe('Ann Lee');
    expect(cleanName('Ann\r\nLee')).toBe('Ann Lee');
  });

  it(`limits a name to ${MAX_NAME_LENGTH} characters`, () => {
    expect(cleanName('a'.repeat(300))).toBe('a'.repeat(MAX_NAME_LENGTH));
  });

  it('does not end a limited name with a space', () => {
    expect(cleanName(`${'a'.repeat(63)} b`)).toBe('a'.repeat(63));
  });

  it('does not cut an emoji in half when limiting', () => {
    const cleaned = cleanName(`${'a'.repeat(63)}😀`);
    expect(cleaned).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(cleaned.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
  });
});

describe('names in hello', () => {
  it('are cleaned on parse', () => {
    const parsed = parseViewerMessage({ v: 1, type: 'hello', name: ' \u202eAnn\u0000  Lee ' });
    expect(parsed).toEqual({ ok: true, message: { v: 1, type: 'hello', name: 'Ann Lee' } });
  });

  it('keep markup literally, since escaping is the renderer’s job', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(parseViewerMessage({ v: 1, type: 'hello', name })).toEqual({
      ok: true,
      message: { v: 1, type: 'hello', name },
    });
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['only control characters', '\u0000\u200b\u202e'],
  ])('are refused when %s', (_, name) => {
    expect(parseViewerMessage({ v: 1, type: 'hello', name })).toEqual({
      ok: false,
      reason: 'name: The name is empty.',
    });
  });

  it('are refused over 256 characters before cleaning', () => {
    expect(parseViewerMessage({ v: 1, type: 'hello', name: 'a'.repeat(257) }).ok).toBe(false);
    expect(parseViewerMessage({ v: 1, type: 'hello', name: 'a'.repeat(256) })).toEqual({
      ok: true,
      message: { v: 1, type: 'hello', name: 'a'.repeat(64) },
    });
  });
});
