import { describe, expect, it } from 'vitest';
import {
  BYE_REASONS,
  cleanName,
  DENY_REASONS,
  MAX_NAME_LENGTH,
  otherWireVersion,
  parseSharerMessage,
  parseViewerMessage,
  REVOKE_REASONS,
  type SharerMessage,
  type ViewerMessage,
  WIRE_VERSION,
  wire,
} from '../../src/shared/wire.js';

const MAC = 'x'.repeat(43);
const CLIENT = 'c-Zx9_Q';
const SHARER_FP = `sha-256 ${'AB:'.repeat(31)}CD`;
const VIEWER_FP = `sha-256 ${'01:'.repeat(31)}EF`;
const PROOF = {
  v: 2,
  type: 'proof',
  mac: MAC,
  sharerFingerprint: SHARER_FP,
  viewerFingerprint: VIEWER_FP,
} as const;
const hello = (client = CLIENT) => ({ v: 2, type: 'hello', client, nonce: MAC }) as const;
const join = (name: string) => ({ v: 2, type: 'join', name }) as const;
const POINTER = { kind: 'pointer', action: 'down', nx: 0.5, ny: 1, button: 'left', clicks: 2 };
const input = (event: unknown, epoch: unknown = 3, seq: unknown = 17) => ({
  v: 2,
  type: 'input',
  epoch,
  seq,
  event,
});

const viewerMessages: ViewerMessage[] = [
  hello(),
  hello('k'.repeat(64)),
  hello('a'),
  hello('AZaz09-_'),
  join('Ann'),
  PROOF,
  { ...PROOF, sharerFingerprint: 'sha-1 AB', viewerFingerprint: 'sha-512 0:1' },
  { v: 2, type: 'ping', t: 0 },
  { v: 2, type: 'pong', t: 1_700_000_000_000.5 },
  ...BYE_REASONS.map((reason) => ({ v: 2, type: 'bye', reason }) as const),
  { v: 2, type: 'control/request' },
  { v: 2, type: 'control/release' },
  input(POINTER) as ViewerMessage,
  input({ kind: 'wheel', nx: 0, ny: 0, dx: -1200, dy: 40.5 }, 0, 0) as ViewerMessage,
  input({ kind: 'key', action: 'up', code: 'Digit2', key: 'é', modifiers: 15 }) as ViewerMessage,
  input({ kind: 'text', text: '日本語' }, Number.MAX_SAFE_INTEGER, 1) as ViewerMessage,
];

const sharerMessages: SharerMessage[] = [
  { v: 2, type: 'challenge', nonce: MAC },
  { v: 2, type: 'proved', proof: MAC },
  { v: 2, type: 'relinked', peer: 'db-0123456789abcdefghijklmnop' },
  { v: 2, type: 'waiting' },
  { v: 2, type: 'admitted' },
  ...DENY_REASONS.map((reason) => ({ v: 2, type: 'denied', reason }) as const),
  ...(['monitor', 'window', 'browser', 'unknown'] as const).map(
    (kind) => ({ v: 2, type: 'surface', width: 1920, height: 1080, kind }) as const,
  ),
  { v: 2, type: 'surface', width: 0, height: 16384, kind: 'monitor' },
  { v: 2, type: 'ping', t: 12.5 },
  { v: 2, type: 'pong', t: 0 },
  ...BYE_REASONS.map((reason) => ({ v: 2, type: 'bye', reason }) as const),
  { v: 2, type: 'control/granted', epoch: 1, scope: 'tab' },
  { v: 2, type: 'control/granted', epoch: Number.MAX_SAFE_INTEGER, scope: 'desktop' },
  ...REVOKE_REASONS.map((reason) => ({ v: 2, type: 'control/revoked', epoch: 2, reason }) as const),
  { v: 2, type: 'control/revoked', epoch: 0, reason: 'session-ended' },
  { v: 2, type: 'control/denied' },
  { v: 2, type: 'control/queued', position: 1 },
  { v: 2, type: 'control/queued', position: 100 },
];

describe('parseViewerMessage', () => {
  it.each(viewerMessages)('accepts $type $reason', (message) => {
    expect(parseViewerMessage(message)).toEqual({ ok: true, message });
  });

  it.each([
    ['no client', { v: 2, type: 'hello' }],
    ['an empty client', hello('')],
    ['a client of 65 characters', hello('k'.repeat(65))],
    ['a client with a space', hello('a b')],
    ['a client with a dot', hello('a.b')],
    ['a client with a slash', hello('a/b')],
    ['a client with a line break', hello('ab\n')],
    ['a client with a non-ASCII letter', hello('zoë')],
    ['a numeric client', { v: 2, type: 'hello', client: 42 }],
    ['a null client', { v: 2, type: 'hello', client: null }],
  ])('refuses hello with %s, naming the client', (_, message) => {
    expect(parseViewerMessage(message)).toMatchObject({ ok: false, reason: /^client: / });
  });

  it.each([
    ['no sharer fingerprint', { ...PROOF, sharerFingerprint: undefined }, 'sharerFingerprint'],
    ['no viewer fingerprint', { ...PROOF, viewerFingerprint: undefined }, 'viewerFingerprint'],
    ['an empty sharer fingerprint', { ...PROOF, sharerFingerprint: '' }, 'sharerFingerprint'],
    [
      'a fingerprint in lower-case hex',
      { ...PROOF, viewerFingerprint: 'sha-256 ab:cd' },
      'viewerFingerprint',
    ],
    [
      'a fingerprint with an upper-case algorithm',
      { ...PROOF, sharerFingerprint: 'SHA-256 AB:CD' },
      'sharerFingerprint',
    ],
    [
      'a fingerprint without algorithm',
      { ...PROOF, sharerFingerprint: 'AB:CD' },
      'sharerFingerprint',
    ],
    [
      'a fingerprint without value',
      { ...PROOF, sharerFingerprint: 'sha-256 ' },
      'sharerFingerprint',
    ],
    [
      'a fingerprint with two spaces',
      { ...PROOF, sharerFingerprint: 'sha-256  AB:CD' },
      'sharerFingerprint',
    ],
    [
      'a fingerprint with a trailing line break',
      { ...PROOF, viewerFingerprint: 'sha-256 AB:CD\n' },
      'viewerFingerprint',
    ],
    [
      'a fingerprint with a second line',
      { ...PROOF, viewerFingerprint: 'sha-256 AB:CD\nsha-1 EF' },
      'viewerFingerprint',
    ],
    [
      'a fingerprint with non-hex digits',
      { ...PROOF, viewerFingerprint: 'sha-256 AB:GZ' },
      'viewerFingerprint',
    ],
    [
      'a fingerprint of 201 characters',
      { ...PROOF, viewerFingerprint: `sha-256 ${'A'.repeat(193)}` },
      'viewerFingerprint',
    ],
    ['a numeric fingerprint', { ...PROOF, sharerFingerprint: 1234 }, 'sharerFingerprint'],
    ['no mac', { ...PROOF, mac: undefined }, 'mac'],
    ['a mac of 129 characters', { ...PROOF, mac: 'm'.repeat(129) }, 'mac'],
  ])('refuses a proof with %s, naming the field', (_, message, field) => {
    expect(parseViewerMessage(message)).toMatchObject({
      ok: false,
      reason: new RegExp(`^${field}: `),
    });
  });

  it('accepts a fingerprint of exactly 200 characters', () => {
    const fingerprint = `sha-256 ${'A'.repeat(192)}`;
    expect(fingerprint).toHaveLength(200);
    expect(parseViewerMessage({ ...PROOF, viewerFingerprint: fingerprint }).ok).toBe(true);
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

  it.each(viewerMessages.filter((m) => !['ping', 'pong', 'bye'].includes(m.type)))(
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
    const surface = { v: 2, type: 'surface', width: 1, height: 1, kind: 'monitor', ...change };
    expect(parseSharerMessage(surface).ok).toBe(false);
  });

  it('accepts every deny reason, busy included', () => {
    expect(DENY_REASONS).toContain('busy');
    for (const reason of ['invalid-link', 'declined', 'full', 'removed', 'security', 'busy']) {
      expect(parseSharerMessage({ v: 2, type: 'denied', reason }).ok, reason).toBe(true);
    }
  });

  it('drops anything extra from waiting', () => {
    expect(parseSharerMessage({ v: 2, type: 'waiting', position: 3 })).toEqual({
      ok: true,
      message: { v: 2, type: 'waiting' },
    });
  });

  it.each([
    ['an unknown deny reason', { v: 2, type: 'denied', reason: 'banned' }],
    ['waiting of another version', { v: 1, type: 'waiting' }],
    ['a nonce with a space', { v: 2, type: 'challenge', nonce: 'a b' }],
    ['an empty nonce', { v: 2, type: 'challenge', nonce: '' }],
    ['a nonce of 129 characters', { v: 2, type: 'challenge', nonce: 'n'.repeat(129) }],
  ])('refuses %s', (_, message) => {
    expect(parseSharerMessage(message).ok).toBe(false);
  });
});

describe('control messages from the viewer', () => {
  it('knows every reason a grant may end for', () => {
    expect([...REVOKE_REASONS].sort()).toEqual([
      'executor-lost',
      'given-to-other',
      'guest-left',
      'released',
      'session-ended',
      'taken-back',
    ]);
  });

  it('drops anything extra from control/request, such as a scope the guest would like', () => {
    expect(parseViewerMessage({ v: 2, type: 'control/request', scope: 'desktop' })).toEqual({
      ok: true,
      message: { v: 2, type: 'control/request' },
    });
  });

  it('clamps the wheel deltas of input rather than refusing them', () => {
    const wheel = { kind: 'wheel', nx: 0.5, ny: 0.5, dx: 99_999, dy: -99_999 };
    expect(parseViewerMessage(input(wheel))).toEqual({
      ok: true,
      message: input({ ...wheel, dx: 1200, dy: -1200 }),
    });
  });

  it.each([
    ['a negative epoch', input(POINTER, -1), 'epoch'],
    ['a fractional epoch', input(POINTER, 1.5), 'epoch'],
    ['an epoch past the safe integers', input(POINTER, 2 ** 53), 'epoch'],
    ['an epoch of NaN', input(POINTER, Number.NaN), 'epoch'],
    ['an epoch of Infinity', input(POINTER, Number.POSITIVE_INFINITY), 'epoch'],
    ['an epoch as a string', input(POINTER, '3'), 'epoch'],
    ['no epoch', { v: 2, type: 'input', seq: 1, event: POINTER }, 'epoch'],
    ['a negative sequence number', input(POINTER, 3, -1), 'seq'],
    ['a fractional sequence number', input(POINTER, 3, 0.5), 'seq'],
    ['no sequence number', { v: 2, type: 'input', epoch: 1, event: POINTER }, 'seq'],
    ['no event', input(undefined), 'event'],
    ['an event of unknown kind', input({ ...POINTER, kind: 'touch' }), 'event.kind'],
    ['a point off the picture', input({ ...POINTER, nx: 1.5 }), 'event.nx'],
    ['a point at NaN', input({ ...POINTER, ny: Number.NaN }), 'event.ny'],
    [
      'a wheel delta of Infinity',
      input({ kind: 'wheel', nx: 0, ny: 0, dx: Number.POSITIVE_INFINITY, dy: 0 }),
      'event.dx',
    ],
    ['empty text', input({ kind: 'text', text: '' }), 'event.text'],
    [
      'a key code with punctuation',
      input({ kind: 'key', action: 'down', code: 'Key.A', key: 'a', modifiers: 0 }),
      'event.code',
    ],
  ])('refuses input with %s, naming the field', (_, message, field) => {
    expect(parseViewerMessage(message)).toMatchObject({
      ok: false,
      reason: new RegExp(`^${field.replace('.', '\\.')}: `),
    });
  });

  it('refuses input whose text would make the message too large', () => {
    const result = parseViewerMessage(input({ kind: 'text', text: 'x'.repeat(5000) }));
    expect(result).toMatchObject({ ok: false, reason: /^too large/ });
  });
});

describe('control messages from the sharer', () => {
  it.each([
    ['granted with an unknown scope', { v: 2, type: 'control/granted', epoch: 1, scope: 'window' }],
    ['granted without scope', { v: 2, type: 'control/granted', epoch: 1 }],
    ['granted without epoch', { v: 2, type: 'control/granted', scope: 'tab' }],
    ['granted with a negative epoch', { v: 2, type: 'control/granted', epoch: -1, scope: 'tab' }],
    [
      'granted with a fractional epoch',
      { v: 2, type: 'control/granted', epoch: 0.5, scope: 'tab' },
    ],
    ['revoked for an unknown reason', { v: 2, type: 'control/revoked', epoch: 2, reason: 'bored' }],
    ['revoked without reason', { v: 2, type: 'control/revoked', epoch: 2 }],
    [
      'revoked with epoch NaN',
      { v: 2, type: 'control/revoked', epoch: Number.NaN, reason: 'released' },
    ],
    ['queued at position 0', { v: 2, type: 'control/queued', position: 0 }],
    ['queued at position 101', { v: 2, type: 'control/queued', position: 101 }],
    ['queued at position 1.5', { v: 2, type: 'control/queued', position: 1.5 }],
    ['queued without position', { v: 2, type: 'control/queued' }],
    ['denied of another version', { v: 1, type: 'control/denied' }],
    ['a control type the viewer sends', { v: 2, type: 'control/request' }],
  ])('refuses %s', (_, message) => {
    expect(parseSharerMessage(message).ok).toBe(false);
  });

  it('drops anything extra from control/denied', () => {
    expect(parseSharerMessage({ v: 2, type: 'control/denied', reason: 'busy' })).toEqual({
      ok: true,
      message: { v: 2, type: 'control/denied' },
    });
  });
});

describe('wire', () => {
  it('stamps the wire version on a message', () => {
    expect(WIRE_VERSION).toBe(2);
    expect(wire<SharerMessage>({ type: 'admitted' })).toEqual({ v: 2, type: 'admitted' });
    expect(wire<SharerMessage>({ type: 'waiting' })).toEqual({ v: 2, type: 'waiting' });
    expect(wire<ViewerMessage>({ type: 'ping', t: 5 })).toEqual({ v: 2, type: 'ping', t: 5 });
    expect(wire<ViewerMessage>({ type: 'control/request' })).toEqual({
      v: 2,
      type: 'control/request',
    });
    expect(wire<SharerMessage>({ type: 'control/queued', position: 2 })).toEqual({
      v: 2,
      type: 'control/queued',
      position: 2,
    });
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

describe('names in join', () => {
  it('are cleaned on parse', () => {
    const parsed = parseViewerMessage(join(' \u202eAnn\u0000  Lee '));
    expect(parsed).toEqual({ ok: true, message: join('Ann Lee') });
  });

  it('keep markup literally, since escaping is the renderer’s job', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(parseViewerMessage(join(name))).toEqual({ ok: true, message: join(name) });
  });

  it('are not part of hello: the key is proved before the guest has typed one', () => {
    expect(parseViewerMessage({ ...hello(), name: 'Ann' })).toEqual({ ok: true, message: hello() });
    expect(parseViewerMessage({ v: 2, type: 'join' }).ok).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['only control characters', '\u0000\u200b\u202e'],
  ])('are refused when %s', (_, name) => {
    expect(parseViewerMessage(join(name))).toEqual({
      ok: false,
      reason: 'name: The name is empty.',
    });
  });

  it('are refused over 256 characters before cleaning', () => {
    expect(parseViewerMessage(join('a'.repeat(257))).ok).toBe(false);
    expect(parseViewerMessage(join('a'.repeat(256)))).toEqual({
      ok: true,
      message: join('a'.repeat(64)),
    });
  });
});

describe('the laser pointer messages', () => {
  it.each([[{ v: 2, type: 'pointer', nx: 0.5, ny: 0.25 }], [{ v: 2, type: 'pointer/hide' }]])(
    'a viewer may send %j',
    (message) => {
      expect(parseViewerMessage(message).ok).toBe(true);
    },
  );

  it.each([
    [{ v: 2, type: 'pointers', allowed: true }],
    [{ v: 2, type: 'pointer', id: 'p1', name: 'Ann', nx: 0, ny: 1 }],
    [{ v: 2, type: 'pointer/hide', id: 'p1' }],
  ])('a sharer may send %j', (message) => {
    expect(parseSharerMessage(message).ok).toBe(true);
  });

  it.each([
    [{ v: 2, type: 'pointer', nx: 1.5, ny: 0 }],
    [{ v: 2, type: 'pointer', nx: Number.NaN, ny: 0 }],
    [{ v: 2, type: 'pointer', nx: 0 }],
  ])('refuses a position off the picture: %j', (message) => {
    expect(parseViewerMessage(message).ok).toBe(false);
  });
});

describe('the media/offer renegotiation is gone (wire v2)', () => {
  const sdp = `v=0\r\n${'a=rtpmap:96 AV1/90000\r\n'.repeat(10)}`;

  it('refuses media/offer and media/answer both ways: a picture comes only on the first offer', () => {
    for (const type of ['media/offer', 'media/answer']) {
      expect(parseSharerMessage({ v: 2, type, sdp })).toMatchObject({ ok: false });
      expect(parseViewerMessage({ v: 2, type, sdp })).toMatchObject({ ok: false });
    }
  });

  it('caps every message at 4 KiB', () => {
    const big = { ...hello(), sdp: 'x'.repeat(5000) };
    expect(parseViewerMessage(big)).toMatchObject({ ok: false, reason: /^too large/ });
  });
});

describe('otherWireVersion', () => {
  it('is null for a message of ours, or for anything that is not a message', () => {
    for (const data of [hello(), PROOF, null, 'text', 42, { v: 1 }, { type: 'ping' }, []]) {
      expect(otherWireVersion(data)).toBeNull();
    }
  });

  it('names the version of a message from another Deskbridge', () => {
    expect(otherWireVersion({ v: 1, type: 'hello', client: CLIENT })).toBe(1);
    expect(otherWireVersion({ v: 3, type: 'challenge' })).toBe(3);
  });

  it('takes only whole positive versions, so junk is still junk', () => {
    for (const v of [0, -1, 1.5, '1', Number.NaN, null]) {
      expect(otherWireVersion({ v, type: 'ping', t: 1 })).toBeNull();
    }
  });

  it(`is about version ${WIRE_VERSION}`, () => {
    expect(WIRE_VERSION).toBe(2);
  });
});
