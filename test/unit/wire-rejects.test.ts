import { afterEach, describe, expect, it } from 'vitest';
import { parseSharerMessage, parseViewerMessage } from '../../src/shared/wire.js';

const parsers = { parseViewerMessage, parseSharerMessage };

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = { v: 2, type: 'ping', t: value };
  return value;
}

const circular: Record<string, unknown> = { v: 2, type: 'ping', t: 1 };
circular.self = circular;

const junk: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['a number', 42],
  ['NaN', Number.NaN],
  ['a string', '{"v":2,"type":"ping","t":1}'],
  ['a huge string', 'x'.repeat(100_000)],
  ['a boolean', true],
  ['a bigint', 10n],
  ['a symbol', Symbol('ping')],
  ['a function', () => ({ v: 2, type: 'ping', t: 1 })],
  ['an array', [1, 'ping', 1]],
  ['an array holding a message', [{ v: 2, type: 'ping', t: 1 }]],
  ['an ArrayBuffer', new ArrayBuffer(16)],
  ['a Uint8Array', new TextEncoder().encode('{"v":2,"type":"ping","t":1}')],
  ['a Date', new Date(0)],
  ['an empty object', {}],
  ['wrong version 1', { v: 1, type: 'ping', t: 1 }],
  ['version "1" as a string', { v: '1', type: 'ping', t: 1 }],
  ['no version', { type: 'ping', t: 1 }],
  ['an unknown type', { v: 2, type: 'pang', t: 1 }],
  ['no type', { v: 1, t: 1 }],
  ['a type of another case', { v: 2, type: 'PING', t: 1 }],
  ['time NaN', { v: 2, type: 'ping', t: Number.NaN }],
  ['time Infinity', { v: 2, type: 'ping', t: Number.POSITIVE_INFINITY }],
  ['time -Infinity', { v: 2, type: 'pong', t: Number.NEGATIVE_INFINITY }],
  ['a negative time', { v: 2, type: 'ping', t: -1 }],
  ['time as a string', { v: 2, type: 'ping', t: '1' }],
  ['a missing time', { v: 2, type: 'pong' }],
  ['an unknown bye reason', { v: 2, type: 'bye', reason: 'crash' }],
  ['a hello whose client is an array', { v: 2, type: 'hello', client: ['c'] }],
  [
    'a proof whose fingerprints are objects',
    { v: 2, type: 'proof', mac: 'm', sharerFingerprint: {}, viewerFingerprint: {} },
  ],
  ['waiting as a string version', { v: '1', type: 'waiting' }],
  ['control of another version', { v: 1, type: 'control/request' }],
  ['a control type of another case', { v: 2, type: 'Control/Request' }],
  ['control without its slash', { v: 2, type: 'control' }],
  ['input with epoch NaN', { v: 2, type: 'input', epoch: Number.NaN, seq: 0, event: {} }],
  [
    'input whose event is a string',
    { v: 2, type: 'input', epoch: 1, seq: 0, event: '{"kind":"text","text":"a"}' },
  ],
  [
    'input whose event is an array',
    { v: 2, type: 'input', epoch: 1, seq: 0, event: [{ kind: 'text', text: 'a' }] },
  ],
  [
    'a grant with epoch Infinity',
    { v: 2, type: 'control/granted', epoch: Number.POSITIVE_INFINITY, scope: 'tab' },
  ],
  ['a place in the queue of -1', { v: 2, type: 'control/queued', position: -1 }],
  ['an extra huge string', { v: 2, type: 'ping', t: 1, pad: 'x'.repeat(4097) }],
  ['many small extra keys over 4096 chars', { v: 2, type: 'ping', t: 1, ...manyKeys(600) }],
  ['a cycle', circular],
  ['deep nesting within the size limit', nested(150)],
  ['nesting too deep to serialise', nested(200_000)],
];

function manyKeys(count: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
}

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
});

describe.each(Object.entries(parsers))('%s', (_, parse) => {
  it.each(junk)('refuses %s with a reason and never throws', (_, data) => {
    const result = parse(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/\S/);
  });

  it('names the size of an oversized message', () => {
    const message = { v: 2, type: 'ping', t: 1, pad: 'x'.repeat(5000) };
    const size = JSON.stringify(message).length;
    expect(parse(message)).toEqual({ ok: false, reason: `too large (${size} chars)` });
  });

  it('names the field at fault', () => {
    expect(parse({ v: 2, type: 'ping', t: -1 })).toMatchObject({ ok: false, reason: /^t: / });
    expect(parse({ v: 3, type: 'ping', t: 1 })).toMatchObject({ ok: false, reason: /^v: / });
  });

  it('drops extra keys from an accepted message', () => {
    expect(parse({ v: 2, type: 'ping', t: 1, extra: 'x', admin: true })).toEqual({
      ok: true,
      message: { v: 2, type: 'ping', t: 1 },
    });
  });

  it.each([
    '{"v":2,"type":"ping","t":1,"__proto__":{"polluted":true}}',
    '{"v":2,"type":"ping","t":1,"constructor":{"prototype":{"polluted":true}}}',
    '{"__proto__":{"v":2,"type":"ping","t":1}}',
    '{"v":2,"type":"ping","t":{"__proto__":{"polluted":true}}}',
  ])('does not let %s pollute Object.prototype', (json) => {
    const result = parse(JSON.parse(json));
    if (result.ok) {
      expect(Object.getPrototypeOf(result.message)).toBe(Object.prototype);
      expect(Object.keys(result.message).sort()).toEqual(['t', 'type', 'v']);
    }
  });
});
