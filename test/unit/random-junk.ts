/** A small seeded generator of JSON-ish junk, so a fuzz failure can be replayed from its seed. */

/** mulberry32: a 32-bit PRNG, good enough to spread test inputs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'v',
  'type',
  't',
  'name',
  'client',
  'mac',
  'sharerFingerprint',
  'viewerFingerprint',
  'nonce',
  'reason',
  'width',
  'height',
  'kind',
  'epoch',
  'seq',
  'event',
  'scope',
  'position',
];
/** Fields of an input event, broken in the same ways as a message's. */
const EVENT_KEYS = [
  'kind',
  'action',
  'nx',
  'ny',
  'button',
  'clicks',
  'dx',
  'dy',
  'code',
  'key',
  'modifiers',
  'text',
];
const TRICKY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
];
const TYPES = [
  'hello',
  'join',
  'proof',
  'proved',
  'ping',
  'pong',
  'bye',
  'challenge',
  'waiting',
  'admitted',
  'denied',
  'surface',
  'control/request',
  'control/release',
  'input',
  'control/granted',
  'control/revoked',
  'control/denied',
  'control/queued',
];
const WORDS = [
  ...TYPES,
  'ended',
  'left',
  'timeout',
  'invalid-link',
  'busy',
  'monitor',
  'window',
  'tab',
  'desktop',
  'released',
  'given-to-other',
  'pointer',
  'wheel',
  'key',
  'text',
  'left',
  'down',
  'KeyA',
  'sha-256 AB:CD',
  'sha-256 ab:cd',
  'SHA-256 AB:CD',
  '',
];
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  16384,
  16385,
  1e308,
  -1e-308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MAX_SAFE_INTEGER,
  2 ** 53,
  100,
  101,
  1200,
  1201,
  -1201,
  15,
  16,
];
const CHARS = [
  ...'aZ09-_ <>"\'&\\/\u0000\u001f\u007f\u0085\u200b\u202e\u2066\ud83d\ude00\ud800\udfff\ufeff李',
];

export class Junk {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  string(): string {
    const length = this.pick([0, 1, 3, 10, 64, 65, 129, 300, 5000]);
    let text = '';
    for (let i = 0; i < length; i++) text += this.pick(CHARS);
    return text;
  }

  number(): number {
    return this.random() < 0.5 ? this.pick(NUMBERS) : (this.random() - 0.3) * 10 ** this.int(12);
  }

  /** What a peer might send: half near-valid messages, half anything at all. */
  message(): unknown {
    return this.random() < 0.5 ? this.nearMessage() : this.value();
  }

  /** Any JSON-ish value, nested at most `depth` levels. */
  value(depth = 3): unknown {
    const choice = this.int(depth > 0 ? 10 : 7);
    switch (choice) {
      case 0:
        return null;
      case 1:
        return undefined;
      case 2:
        return this.random() < 0.5;
      case 3:
        return this.number();
      case 4:
        return this.string();
      case 5:
        return this.pick(WORDS);
      case 6:
        return this.int(3) === 0
          ? new ArrayBuffer(this.int(64))
          : this.pick([1, 2, '1', 1.0000001]);
      case 7:
        return Array.from({ length: this.int(5) }, () => this.value(depth - 1));
      case 8:
        return this.object(depth - 1);
      default:
        return this.nearMessage();
    }
  }

  object(depth: number): Record<string, unknown> {
    // Built through JSON so that keys like __proto__ become own properties, as on the wire.
    const entries = Array.from({ length: this.int(6) }, () => [
      this.pick([...KEYS, ...TRICKY_KEYS, this.string()]),
      this.value(depth),
    ]);
    return safeJson(Object.fromEntries(entries));
  }

  /** A valid message with one field broken, dropped or added: the inputs most likely to slip by. */
  nearMessage(): Record<string, unknown> {
    const message: Record<string, unknown> = { ...this.pick(VALID) };
    // An input's event is broken as often as the message around it.
    const event = message.event;
    if (event && typeof event === 'object' && this.random() < 0.5) {
      message.event = this.broken({ ...event }, EVENT_KEYS);
      return this.random() < 0.3 ? safeJson(message) : message;
    }
    return this.broken(message, KEYS);
  }

  private broken(target: Record<string, unknown>, keys: string[]): Record<string, unknown> {
    for (let changes = 1 + this.int(2); changes > 0; changes--) {
      const field = this.pick([...keys, ...TRICKY_KEYS]);
      if (this.int(3) === 0) delete target[field];
      else
        Object.defineProperty(target, field, {
          value: this.value(1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return this.random() < 0.3 ? safeJson(target) : target;
  }
}

const VALID: Record<string, unknown>[] = [
  { v: 2, type: 'hello', client: 'c-1_x', nonce: 'n0nce' },
  { v: 2, type: 'join', name: 'Ann' },
  {
    v: 2,
    type: 'proof',
    mac: 'abc_-1',
    sharerFingerprint: 'sha-256 AB:CD:EF',
    viewerFingerprint: 'sha-256 01:23:45',
  },
  { v: 2, type: 'ping', t: 1 },
  { v: 2, type: 'pong', t: 0 },
  { v: 2, type: 'bye', reason: 'left' },
  { v: 2, type: 'challenge', nonce: 'n0nce' },
  { v: 2, type: 'proved', proof: 'pr00f' },
  { v: 2, type: 'relinked', peer: 'db-renewed' },
  { v: 2, type: 'waiting' },
  { v: 2, type: 'admitted' },
  { v: 2, type: 'denied', reason: 'full' },
  { v: 2, type: 'denied', reason: 'busy' },
  { v: 2, type: 'surface', width: 640, height: 480, kind: 'window' },
  { v: 2, type: 'control/request' },
  { v: 2, type: 'control/release' },
  {
    v: 2,
    type: 'input',
    epoch: 1,
    seq: 0,
    event: { kind: 'pointer', action: 'down', nx: 0.5, ny: 0.5, button: 'left', clicks: 1 },
  },
  {
    v: 2,
    type: 'input',
    epoch: 2,
    seq: 9,
    event: { kind: 'wheel', nx: 0, ny: 1, dx: 5000, dy: -3 },
  },
  {
    v: 2,
    type: 'input',
    epoch: 2,
    seq: 10,
    event: { kind: 'key', action: 'down', code: 'KeyA', key: 'a', modifiers: 2 },
  },
  { v: 2, type: 'input', epoch: 2, seq: 11, event: { kind: 'text', text: 'héllo' } },
  { v: 2, type: 'control/granted', epoch: 1, scope: 'tab' },
  { v: 2, type: 'control/revoked', epoch: 2, reason: 'taken-back' },
  { v: 2, type: 'control/denied' },
  { v: 2, type: 'control/queued', position: 2 },
];

function safeJson(value: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(value, (_, v) => (v instanceof ArrayBuffer ? 'buffer' : v)));
  } catch {
    return value;
  }
}
