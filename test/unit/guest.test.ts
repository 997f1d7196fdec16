import { describe, expect, it } from 'vitest';
import {
  type GuestEffect,
  type GuestEvent,
  type GuestState,
  guestTransition,
  INVALID_MESSAGE_LIMIT,
} from '../../src/shared/guest.js';
import type { ViewerMessage } from '../../src/shared/wire.js';

const NONCE = 'nonce-issued';
const FRESH = 'nonce-fresh';

const states = {
  'awaiting-hello': { kind: 'awaiting-hello' },
  challenged: { kind: 'challenged', name: 'Ann', nonce: NONCE },
  verifying: { kind: 'verifying', name: 'Ann', nonce: NONCE },
  watching: { kind: 'watching', name: 'Ann' },
  closed: { kind: 'closed', name: 'Ann', why: 'left' },
} satisfies { [K in GuestState['kind']]: Extract<GuestState, { kind: K }> };

const message = (m: ViewerMessage): GuestEvent => ({
  type: 'message',
  message: m,
  freshNonce: FRESH,
});

const events = {
  hello: message({ v: 1, type: 'hello', name: 'Eve' }),
  proof: message({ v: 1, type: 'proof', mac: 'the-mac' }),
  ping: message({ v: 1, type: 'ping', t: 42 }),
  pong: message({ v: 1, type: 'pong', t: 42 }),
  bye: message({ v: 1, type: 'bye', reason: 'left' }),
  'proof valid': { type: 'proof-checked', valid: true },
  'proof invalid': { type: 'proof-checked', valid: false },
  'invalid message below the limit': { type: 'invalid-message', count: INVALID_MESSAGE_LIMIT - 1 },
  'invalid message at the limit': { type: 'invalid-message', count: INVALID_MESSAGE_LIMIT },
  'handshake timeout': { type: 'handshake-timeout' },
  'heartbeat timeout': { type: 'heartbeat-timeout' },
  'session ended': { type: 'session-ended' },
} satisfies Record<string, GuestEvent>;

type Kind = keyof typeof states;
type EventName = keyof typeof events;

const describeState = (state: GuestState) =>
  state.kind === 'closed' ? `closed(${state.why})` : state.kind;
const describeEffect = (effect: GuestEffect) =>
  effect.type === 'send' ? `send ${effect.message.type}` : effect.type;

/** For each live state, the events whose outcome is not "same state, no effects". */
const open: Record<Exclude<Kind, 'closed'>, Partial<Record<EventName, [string, string[]]>>> = {
  'awaiting-hello': {
    hello: ['challenged', ['send challenge']],
    proof: ['awaiting-hello', ['warn']],
    ping: ['awaiting-hello', ['send pong']],
    'handshake timeout': ['closed(timeout)', ['close']],
  },
  challenged: {
    hello: ['challenged', ['warn']],
    proof: ['verifying', ['verify']],
    ping: ['challenged', ['send pong']],
    'handshake timeout': ['closed(timeout)', ['close']],
  },
  verifying: {
    hello: ['verifying', ['warn']],
    proof: ['verifying', ['warn']],
    ping: ['verifying', ['send pong']],
    'proof valid': ['watching', ['send admitted', 'start-media']],
    'proof invalid': ['closed(invalid-link)', ['send denied', 'close']],
    'handshake timeout': ['closed(timeout)', ['close']],
  },
  watching: {
    hello: ['watching', ['warn']],
    proof: ['watching', ['warn']],
    ping: ['watching', ['send pong']],
  },
};
const everywhere: Partial<Record<EventName, [string, string[]]>> = {
  bye: ['closed(left)', ['close']],
  'invalid message at the limit': ['closed(security)', ['send denied', 'close']],
  'heartbeat timeout': ['closed(timeout)', ['close']],
  'session ended': ['closed(ended)', ['send bye', 'close']],
};

const table = (Object.keys(states) as Kind[]).flatMap((kind) =>
  (Object.keys(events) as EventName[]).map((name) => {
    const expected = kind === 'closed' ? undefined : (open[kind][name] ?? everywhere[name]);
    return [kind, name, ...(expected ?? [describeState(states[kind]), []])] as const;
  }),
);

describe('guestTransition', () => {
  it.each(table)('%s + %s → %s with effects %j', (kind, name, next, effects) => {
    const result = guestTransition(states[kind], events[name]);
    expect(describeState(result.state)).toBe(next);
    expect(result.effects.map(describeEffect)).toEqual(effects);
  });

  it('covers every state with every event', () => {
    expect(table).toHaveLength(5 * 12);
  });
});

describe('the handshake', () => {
  it('answers hello with a challenge carrying the fresh nonce', () => {
    expect(guestTransition(states['awaiting-hello'], events.hello)).toEqual({
      state: { kind: 'challenged', name: 'Eve', nonce: FRESH },
      effects: [{ type: 'send', message: { v: 1, type: 'challenge', nonce: FRESH } }],
    });
  });

  it('checks a proof against the nonce it issued, not a newer one', () => {
    expect(guestTransition(states.challenged, events.proof)).toEqual({
      state: { kind: 'verifying', name: 'Ann', nonce: NONCE },
      effects: [{ type: 'verify', nonce: NONCE, mac: 'the-mac' }],
    });
  });

  it('admits a valid proof and only then starts media', () => {
    expect(guestTransition(states.verifying, events['proof valid'])).toEqual({
      state: { kind: 'watching', name: 'Ann' },
      effects: [{ type: 'send', message: { v: 1, type: 'admitted' } }, { type: 'start-media' }],
    });
  });

  it('denies an invalid proof as an invalid link and closes', () => {
    expect(guestTransition(states.verifying, events['proof invalid'])).toEqual({
      state: { kind: 'closed', name: 'Ann', why: 'invalid-link' },
      effects: [
        { type: 'send', message: { v: 1, type: 'denied', reason: 'invalid-link' } },
        { type: 'close' },
      ],
    });
  });

  it('runs hello → challenge → proof → verify → admitted', () => {
    const steps: GuestEvent[] = [events.hello, events.proof, events['proof valid']];
    let state: GuestState = states['awaiting-hello'];
    const sent: string[] = [];
    for (const event of steps) {
      const result = guestTransition(state, event);
      state = result.state;
      sent.push(...result.effects.map(describeEffect));
    }
    expect(state).toEqual({ kind: 'watching', name: 'Eve' });
    expect(sent).toEqual(['send challenge', 'verify', 'send admitted', 'start-media']);
  });

  it('does not let a second hello replace the nonce or the name', () => {
    expect(guestTransition(states.challenged, events.hello)).toEqual({
      state: states.challenged,
      effects: [{ type: 'warn', message: 'hello while challenged' }],
    });
  });

  it('warns about a proof sent before hello and verifies nothing', () => {
    expect(guestTransition(states['awaiting-hello'], events.proof)).toEqual({
      state: states['awaiting-hello'],
      effects: [{ type: 'warn', message: 'proof while awaiting-hello' }],
    });
  });

  it('ignores a proof result that arrives after the guest was admitted', () => {
    expect(guestTransition(states.watching, events['proof invalid'])).toEqual({
      state: states.watching,
      effects: [],
    });
  });
});

describe('keeping the connection', () => {
  it('answers ping with pong carrying the same time', () => {
    expect(guestTransition(states.watching, events.ping)).toEqual({
      state: states.watching,
      effects: [{ type: 'send', message: { v: 1, type: 'pong', t: 42 } }],
    });
  });

  it('closes on bye without sending anything, keeping the name', () => {
    expect(guestTransition(states.watching, events.bye)).toEqual({
      state: { kind: 'closed', name: 'Ann', why: 'left' },
      effects: [{ type: 'close' }],
    });
  });

  it('closes a guest that said bye before hello with no name', () => {
    expect(guestTransition(states['awaiting-hello'], events.bye).state).toEqual({
      kind: 'closed',
      name: null,
      why: 'left',
    });
  });

  it.each([0, 1, INVALID_MESSAGE_LIMIT - 1])('tolerates %i malformed messages', (count) => {
    expect(guestTransition(states.watching, { type: 'invalid-message', count })).toEqual({
      state: states.watching,
      effects: [],
    });
  });

  it.each([INVALID_MESSAGE_LIMIT, INVALID_MESSAGE_LIMIT + 5])(
    'denies for security at %i malformed messages',
    (count) => {
      expect(guestTransition(states.challenged, { type: 'invalid-message', count })).toEqual({
        state: { kind: 'closed', name: 'Ann', why: 'security' },
        effects: [
          { type: 'send', message: { v: 1, type: 'denied', reason: 'security' } },
          { type: 'close' },
        ],
      });
    },
  );

  it('lets the handshake timer close a guest that never finished', () => {
    expect(guestTransition(states.challenged, events['handshake timeout'])).toEqual({
      state: { kind: 'closed', name: 'Ann', why: 'timeout' },
      effects: [{ type: 'close' }],
    });
  });

  it('closes a watching guest whose heartbeat stopped', () => {
    expect(guestTransition(states.watching, events['heartbeat timeout'])).toEqual({
      state: { kind: 'closed', name: 'Ann', why: 'timeout' },
      effects: [{ type: 'close' }],
    });
  });

  it('says bye with reason ended when the session ends', () => {
    expect(guestTransition(states.watching, events['session ended'])).toEqual({
      state: { kind: 'closed', name: 'Ann', why: 'ended' },
      effects: [
        { type: 'send', message: { v: 1, type: 'bye', reason: 'ended' } },
        { type: 'close' },
      ],
    });
  });

  it.each(Object.keys(events) as EventName[])('once closed, absorbs %s silently', (name) => {
    const result = guestTransition(states.closed, events[name]);
    expect(result.state).toBe(states.closed);
    expect(result.effects).toEqual([]);
  });
});
