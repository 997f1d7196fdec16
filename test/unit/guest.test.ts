import { describe, expect, it } from 'vitest';
import {
  type Admission,
  type GuestEffect,
  type GuestEvent,
  type GuestState,
  guestTransition,
  INVALID_MESSAGE_LIMIT,
  type ProofVerdict,
} from '../../src/shared/guest.js';
import type { ViewerMessage } from '../../src/shared/wire.js';

const NONCE = 'nonce-issued';
const FRESH = 'nonce-fresh';
const CLIENT = 'client-ann_1';
const GUEST_NONCE = 'nonce-of-the-guest';
const HOST_PROOF = 'host-proof';

const states = {
  'awaiting-hello': { kind: 'awaiting-hello' },
  challenged: { kind: 'challenged', client: CLIENT, nonce: NONCE, guestNonce: GUEST_NONCE },
  verifying: { kind: 'verifying', client: CLIENT, nonce: NONCE, guestNonce: GUEST_NONCE },
  proved: { kind: 'proved', client: CLIENT },
  admitting: { kind: 'admitting', name: 'Ann', client: CLIENT },
  waiting: { kind: 'waiting', name: 'Ann', client: CLIENT },
  watching: { kind: 'watching', name: 'Ann', client: CLIENT },
  dropped: { kind: 'dropped', name: 'Ann', client: CLIENT },
  closed: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'left' },
} satisfies { [K in GuestState['kind']]: Extract<GuestState, { kind: K }> };

const message = (m: ViewerMessage): GuestEvent => ({
  type: 'message',
  message: m,
  freshNonce: FRESH,
});

const PROOF = {
  v: 2,
  type: 'proof',
  mac: 'the-mac',
  sharerFingerprint: 'sha-256 AB:CD',
  viewerFingerprint: 'sha-256 EF:01',
} as const satisfies Extract<ViewerMessage, { type: 'proof' }>;

const verdict = (v: ProofVerdict): GuestEvent => ({
  type: 'proof-checked',
  verdict: v,
  hostProof: v === 'valid' ? HOST_PROOF : null,
});
const admission = (a: Admission): GuestEvent => ({ type: 'admission-checked', admission: a });

const INPUT = {
  v: 2,
  type: 'input',
  epoch: 3,
  seq: 17,
  event: { kind: 'pointer', action: 'down', nx: 0.5, ny: 0.5, button: 'left', clicks: 1 },
} as const satisfies Extract<ViewerMessage, { type: 'input' }>;

const events = {
  hello: message({ v: 2, type: 'hello', client: 'client-eve', nonce: 'guest-nonce' }),
  join: message({ v: 2, type: 'join', name: 'Eve' }),
  proof: message(PROOF),
  ping: message({ v: 2, type: 'ping', t: 42 }),
  pong: message({ v: 2, type: 'pong', t: 42 }),
  bye: message({ v: 2, type: 'bye', reason: 'left' }),
  'control request': message({ v: 2, type: 'control/request' }),
  'control release': message({ v: 2, type: 'control/release' }),
  input: message(INPUT),
  'verdict valid': verdict('valid'),
  'verdict invalid': verdict('invalid'),
  'verdict security': verdict('security'),
  'verdict busy': verdict('busy'),
  'admission admit': admission('admit'),
  'admission ask': admission('ask'),
  'admission full': admission('full'),
  'admission old key': admission('old-key'),
  admit: { type: 'decision', decision: 'admit', full: false },
  'admit while full': { type: 'decision', decision: 'admit', full: true },
  deny: { type: 'decision', decision: 'deny', full: false },
  remove: { type: 'decision', decision: 'remove', full: false },
  'invalid message below the limit': { type: 'invalid-message', count: INVALID_MESSAGE_LIMIT - 1 },
  'invalid message at the limit': { type: 'invalid-message', count: INVALID_MESSAGE_LIMIT },
  'handshake timeout': { type: 'handshake-timeout' },
  'join timeout': { type: 'join-timeout' },
  'heartbeat timeout': { type: 'heartbeat-timeout' },
  'gave up': { type: 'gave-up' },
  superseded: { type: 'superseded' },
  'transport refused': { type: 'transport-refused' },
  'version mismatch': { type: 'version-mismatch' },
  'ice failed': { type: 'ice-failed' },
  'session ended': { type: 'session-ended' },
} satisfies Record<string, GuestEvent>;

type Kind = keyof typeof states;
type LiveKind = Exclude<Kind, 'closed'>;
type EventName = keyof typeof events;
type Outcome = [next: string, effects: string[]];

const describeState = (state: GuestState) =>
  state.kind === 'closed' ? `closed(${state.why})` : state.kind;
const describeEffect = (effect: GuestEffect) =>
  effect.type === 'send'
    ? `send ${effect.message.type}${'reason' in effect.message ? ` ${effect.message.reason}` : ''}`
    : effect.type;

const VERDICTS = [
  'verdict valid',
  'verdict invalid',
  'verdict security',
  'verdict busy',
] as const satisfies EventName[];
const ADMISSIONS = [
  'admission admit',
  'admission ask',
  'admission full',
  'admission old key',
] as const satisfies EventName[];
const DECISIONS = ['admit', 'admit while full', 'deny', 'remove'] as const satisfies EventName[];

/** The same state with one warning: the event does not fit. */
const WARN = 'warn';

/**
 * The expected outcome of every live state × event. Closed absorbs everything silently. A
 * watching guest always has its media stopped before the connection closes.
 */
function expected(kind: LiveKind, name: EventName): Outcome {
  const stay = (effects: string[] = []): Outcome => [kind, effects];
  // Its connection is closed already: it waits to be given up on, or replaced.
  if (kind === 'dropped') {
    return name === 'gave up' || name === 'superseded' ? ['closed(timeout)', []] : stay();
  }
  const media = kind === 'watching' ? ['stop-media'] : [];
  const close = (why: string, sent: string[] = []): Outcome => [
    `closed(${why})`,
    [...sent, ...media, 'close'],
  ];
  switch (name) {
    case 'hello':
      return kind === 'awaiting-hello' ? ['challenged', ['send challenge']] : stay([WARN]);
    case 'join':
      return kind === 'proved' ? ['admitting', ['admission']] : stay([WARN]);
    case 'proof':
      return kind === 'challenged' ? ['verifying', ['verify']] : stay([WARN]);
    case 'ping':
      return stay(['send pong']);
    case 'pong':
    case 'invalid message below the limit':
      return stay();
    case 'bye':
      return close('left');
    case 'control request':
    case 'control release':
    case 'input':
      // Only a watching guest may ask for control or send input; the control machine decides.
      return kind === 'watching' ? stay(['control']) : stay([WARN]);
    case 'verdict valid':
      return kind === 'verifying' ? ['proved', ['send proved']] : stay([WARN]);
    case 'admission admit':
      return kind === 'admitting' ? ['watching', ['send admitted', 'start-media']] : stay([WARN]);
    case 'admission ask':
      return kind === 'admitting' ? ['waiting', ['send waiting']] : stay([WARN]);
    case 'admission full':
      return kind === 'admitting' ? close('full', ['send denied full']) : stay([WARN]);
    case 'admission old key':
      return kind === 'admitting'
        ? close('invalid-link', ['send denied invalid-link'])
        : stay([WARN]);
    case 'verdict invalid':
      return kind === 'verifying'
        ? close('invalid-link', ['send denied invalid-link'])
        : stay([WARN]);
    case 'verdict security':
      return kind === 'verifying' ? close('security', ['send denied security']) : stay([WARN]);
    case 'verdict busy':
      return kind === 'verifying' ? close('busy', ['send denied busy']) : stay([WARN]);
    case 'admit':
      return kind === 'waiting' ? ['watching', ['send admitted', 'start-media']] : stay([WARN]);
    case 'admit while full':
      return kind === 'waiting' ? close('full', ['send denied full']) : stay([WARN]);
    case 'deny':
      return kind === 'waiting' ? close('declined', ['send denied declined']) : stay([WARN]);
    case 'remove':
      return kind === 'waiting' || kind === 'watching'
        ? close('removed', ['send denied removed'])
        : stay([WARN]);
    case 'invalid message at the limit':
      return close('security', ['send denied security']);
    case 'handshake timeout':
      // Only the machine's own steps have a deadline; waiting for the sharer (or for the guest
      // to press Join) has none.
      return kind === 'waiting' || kind === 'watching' || kind === 'proved'
        ? stay()
        : close('timeout');
    case 'join timeout':
      return kind === 'proved' ? close('timeout') : stay();
    case 'heartbeat timeout':
      // A watching guest's seat waits for it (reconnecting); anyone else is gone.
      return kind === 'watching' ? ['dropped', ['stop-media', 'close']] : close('timeout');
    case 'gave up':
      return stay();
    case 'superseded':
      return close('timeout');
    case 'ice failed':
      // Only a connection that never got through; nothing can be said to it.
      return kind === 'awaiting-hello' ? close('unreachable') : stay();
    case 'version mismatch':
      // Another wire version: told (in our version, which it cannot parse but can see), closed.
      return close('version', ['send denied version']);
    case 'transport refused':
      // The picture would leave on another transport: whatever the proof said, a man in the middle.
      return close('security', ['send denied security']);
    case 'session ended':
      return close('ended', ['send bye ended']);
  }
}

const table = (Object.keys(states) as Kind[]).flatMap((kind) =>
  (Object.keys(events) as EventName[]).map((name) => {
    const [next, effects] =
      kind === 'closed' ? [describeState(states.closed), []] : expected(kind, name);
    return [kind, name, next, effects] as const;
  }),
);

describe('guestTransition', () => {
  it.each(table)('%s + %s → %s with effects %j', (kind, name, next, effects) => {
    const result = guestTransition(states[kind], events[name]);
    expect(describeState(result.state)).toBe(next);
    expect(result.effects.map(describeEffect)).toEqual(effects);
  });

  it('covers every state with every event', () => {
    expect(Object.keys(states)).toHaveLength(9);
    expect(Object.keys(events)).toHaveLength(32);
    expect(table).toHaveLength(9 * 32);
    expect(new Set(table.map(([kind, name]) => `${kind} ${name}`)).size).toBe(table.length);
  });

  it.each(table.filter(([kind, , next]) => next === describeState(states[kind])))(
    '%s + %s keeps the very same state object',
    (kind, name) => {
      expect(guestTransition(states[kind], events[name]).state).toBe(states[kind]);
    },
  );

  it('does not touch the state it was given', () => {
    const frozen = structuredClone(states);
    for (const kind of Object.keys(states) as Kind[]) {
      for (const name of Object.keys(events) as EventName[]) {
        guestTransition(states[kind], events[name]);
      }
    }
    expect(states).toEqual(frozen);
  });

  it('starts media only on the way into watching and stops it only on the way out', () => {
    for (const [kind, name] of table) {
      const { state, effects } = guestTransition(states[kind], events[name]);
      const types = effects.map((effect) => effect.type);
      const entered = kind !== 'watching' && state.kind === 'watching';
      const left = kind === 'watching' && state.kind !== 'watching';
      expect(types.includes('start-media'), `${kind} + ${name}`).toBe(entered);
      expect(types.includes('stop-media'), `${kind} + ${name}`).toBe(left);
    }
  });

  it('closes the connection last, after anything it sends', () => {
    for (const [kind, name] of table) {
      const { effects } = guestTransition(states[kind], events[name]);
      const close = effects.findIndex((effect) => effect.type === 'close');
      if (close >= 0) expect(close, `${kind} + ${name}`).toBe(effects.length - 1);
    }
  });
});

describe('the handshake', () => {
  it('answers hello with a challenge carrying the fresh nonce, keeping the client and its nonce', () => {
    expect(guestTransition(states['awaiting-hello'], events.hello)).toEqual({
      state: { kind: 'challenged', client: 'client-eve', nonce: FRESH, guestNonce: 'guest-nonce' },
      effects: [{ type: 'send', message: { v: 2, type: 'challenge', nonce: FRESH } }],
    });
  });

  it('verifies the whole proof against the nonce it issued, and proves over the guest’s', () => {
    expect(guestTransition(states.challenged, events.proof)).toEqual({
      state: { kind: 'verifying', client: CLIENT, nonce: NONCE, guestNonce: GUEST_NONCE },
      effects: [{ type: 'verify', nonce: NONCE, guestNonce: GUEST_NONCE, proof: PROOF }],
    });
  });

  it('hands both fingerprints the viewer reported to the verifier', () => {
    const [effect] = guestTransition(states.challenged, events.proof).effects;
    expect(effect).toMatchObject({
      type: 'verify',
      proof: { sharerFingerprint: 'sha-256 AB:CD', viewerFingerprint: 'sha-256 EF:01' },
    });
  });

  it('tells a guest whose proof holds that it may join, with the host’s own proof, and decides nothing yet', () => {
    expect(guestTransition(states.verifying, events['verdict valid'])).toEqual({
      state: { kind: 'proved', client: CLIENT },
      effects: [{ type: 'send', message: { v: 2, type: 'proved', proof: HOST_PROOF } }],
    });
  });

  it('never says proved without a proof of its own', () => {
    const valid: GuestEvent = { type: 'proof-checked', verdict: 'valid', hostProof: null };
    expect(guestTransition(states.verifying, valid).state).toMatchObject({
      kind: 'closed',
      why: 'security',
    });
  });

  it('asks for the admission decision at Join, with the name the guest gave', () => {
    expect(guestTransition(states.proved, events.join)).toEqual({
      state: { kind: 'admitting', name: 'Eve', client: CLIENT },
      effects: [{ type: 'admission', client: CLIENT }],
    });
  });

  it('admits straight away when the admission is admit (admit everyone), and only then starts media', () => {
    expect(guestTransition(states.admitting, events['admission admit'])).toEqual({
      state: { kind: 'watching', name: 'Ann', client: CLIENT },
      effects: [{ type: 'send', message: { v: 2, type: 'admitted' } }, { type: 'start-media' }],
    });
  });

  it('tells the guest to wait when the sharer must decide, and starts no media', () => {
    expect(guestTransition(states.admitting, events['admission ask'])).toEqual({
      state: { kind: 'waiting', name: 'Ann', client: CLIENT },
      effects: [{ type: 'send', message: { v: 2, type: 'waiting' } }],
    });
  });

  it('denies a guest who joins a full share, keeping name and client', () => {
    expect(guestTransition(states.admitting, events['admission full'])).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'full' },
      effects: [
        { type: 'send', message: { v: 2, type: 'denied', reason: 'full' } },
        { type: 'close' },
      ],
    });
  });

  it.each([
    ['invalid', 'invalid-link'],
    ['security', 'security'],
    ['busy', 'busy'],
  ] as const)(
    'denies the verdict %s as %s and closes, keeping the client (no name yet)',
    (v, reason) => {
      expect(guestTransition(states.verifying, verdict(v))).toEqual({
        state: { kind: 'closed', name: null, client: CLIENT, why: reason },
        effects: [{ type: 'send', message: { v: 2, type: 'denied', reason } }, { type: 'close' }],
      });
    },
  );

  it('runs hello → challenge → proof → verify → proved → join → admitted with admit everyone', () => {
    const steps: GuestEvent[] = [
      events.hello,
      events.proof,
      events['verdict valid'],
      events.join,
      events['admission admit'],
    ];
    const { state, sent } = run(states['awaiting-hello'], steps);
    expect(state).toEqual({ kind: 'watching', name: 'Eve', client: 'client-eve' });
    expect(sent).toEqual([
      'send challenge',
      'verify',
      'send proved',
      'admission',
      'send admitted',
      'start-media',
    ]);
  });

  it('runs … → join → waiting → admitted when the sharer decides', () => {
    const steps: GuestEvent[] = [
      events.hello,
      events.proof,
      events['verdict valid'],
      events.join,
      events['admission ask'],
      events.admit,
    ];
    const { state, sent } = run(states['awaiting-hello'], steps);
    expect(state).toEqual({ kind: 'watching', name: 'Eve', client: 'client-eve' });
    expect(sent).toEqual([
      'send challenge',
      'verify',
      'send proved',
      'admission',
      'send waiting',
      'send admitted',
      'start-media',
    ]);
  });

  it('does not let a join before the proof holds name anybody or decide anything', () => {
    for (const kind of ['awaiting-hello', 'challenged', 'verifying'] as const) {
      expect(guestTransition(states[kind], events.join)).toEqual({
        state: states[kind],
        effects: [{ type: 'warn', message: `join while ${kind}` }],
      });
    }
  });

  it('does not let a second join rename a guest on its way in or already in', () => {
    for (const kind of ['admitting', 'waiting', 'watching'] as const) {
      expect(guestTransition(states[kind], events.join).state).toBe(states[kind]);
    }
  });

  it('lets a proved guest sit on the join form past the handshake deadline, not past its own', () => {
    expect(guestTransition(states.proved, events['handshake timeout']).state).toBe(states.proved);
    expect(guestTransition(states.proved, events['join timeout'])).toEqual({
      state: { kind: 'closed', name: null, client: CLIENT, why: 'timeout' },
      effects: [{ type: 'close' }],
    });
  });

  it('does not let a second hello replace the nonce, the name or the client', () => {
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

  it.each(['verifying', 'proved', 'admitting', 'waiting', 'watching'] as const)(
    'does not verify a second proof while %s',
    (kind) => {
      const { state, effects } = guestTransition(states[kind], events.proof);
      expect(state).toBe(states[kind]);
      expect(effects).toEqual([{ type: 'warn', message: `proof while ${kind}` }]);
    },
  );

  it.each(['awaiting-hello', 'challenged', 'proved', 'admitting', 'waiting', 'watching'] as const)(
    'warns about a proof verdict that arrives while %s and changes nothing',
    (kind) => {
      for (const name of VERDICTS) {
        expect(guestTransition(states[kind], events[name])).toEqual({
          state: states[kind],
          effects: [{ type: 'warn', message: `proof verdict while ${kind}` }],
        });
      }
    },
  );

  it.each(['awaiting-hello', 'challenged', 'verifying', 'proved', 'waiting', 'watching'] as const)(
    'warns about an admission that arrives while %s and changes nothing',
    (kind) => {
      for (const name of ADMISSIONS) {
        expect(guestTransition(states[kind], events[name])).toEqual({
          state: states[kind],
          effects: [{ type: 'warn', message: `admission while ${kind}` }],
        });
      }
    },
  );
});

describe("the sharer's decisions", () => {
  it('admits a waiting guest and starts media', () => {
    expect(guestTransition(states.waiting, events.admit)).toEqual({
      state: { kind: 'watching', name: 'Ann', client: CLIENT },
      effects: [{ type: 'send', message: { v: 2, type: 'admitted' } }, { type: 'start-media' }],
    });
  });

  it('denies a waiting guest as full when admitted while the share is full', () => {
    expect(guestTransition(states.waiting, events['admit while full'])).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'full' },
      effects: [
        { type: 'send', message: { v: 2, type: 'denied', reason: 'full' } },
        { type: 'close' },
      ],
    });
  });

  it('declines a waiting guest it denies', () => {
    expect(guestTransition(states.waiting, events.deny)).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'declined' },
      effects: [
        { type: 'send', message: { v: 2, type: 'denied', reason: 'declined' } },
        { type: 'close' },
      ],
    });
  });

  it('removes a waiting guest without stopping media it never started', () => {
    expect(guestTransition(states.waiting, events.remove)).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'removed' },
      effects: [
        { type: 'send', message: { v: 2, type: 'denied', reason: 'removed' } },
        { type: 'close' },
      ],
    });
  });

  it('removes a watching guest: denied removed, then stop media, then close', () => {
    expect(guestTransition(states.watching, events.remove)).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'removed' },
      effects: [
        { type: 'send', message: { v: 2, type: 'denied', reason: 'removed' } },
        { type: 'stop-media' },
        { type: 'close' },
      ],
    });
  });

  it.each([true, false])('removes a watching guest whether or not full is %s', (full) => {
    const result = guestTransition(states.watching, { type: 'decision', decision: 'remove', full });
    expect(describeState(result.state)).toBe('closed(removed)');
  });

  it.each(['admit', 'deny'] as const)('warns about %s for a guest already watching', (decision) => {
    expect(guestTransition(states.watching, { type: 'decision', decision, full: false })).toEqual({
      state: states.watching,
      effects: [{ type: 'warn', message: `${decision} while watching` }],
    });
  });

  it.each(
    (['awaiting-hello', 'challenged', 'verifying', 'proved', 'admitting'] as const).flatMap(
      (kind) => (['admit', 'deny', 'remove'] as const).map((decision) => [kind, decision] as const),
    ),
  )('does not let the sharer bypass the proof: %s + %s only warns', (kind, decision) => {
    expect(guestTransition(states[kind], { type: 'decision', decision, full: false })).toEqual({
      state: states[kind],
      effects: [{ type: 'warn', message: `${decision} while ${kind}` }],
    });
  });

  it('lets a waiting guest wait past the handshake deadline', () => {
    expect(guestTransition(states.waiting, events['handshake timeout'])).toEqual({
      state: states.waiting,
      effects: [],
    });
  });

  it('still answers pings and still notices silence while waiting', () => {
    expect(guestTransition(states.waiting, events.ping)).toEqual({
      state: states.waiting,
      effects: [{ type: 'send', message: { v: 2, type: 'pong', t: 42 } }],
    });
    expect(guestTransition(states.waiting, events['heartbeat timeout'])).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'timeout' },
      effects: [{ type: 'close' }],
    });
  });

  it('closes a waiting guest that gives up with bye, sending nothing', () => {
    expect(guestTransition(states.waiting, events.bye)).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'left' },
      effects: [{ type: 'close' }],
    });
  });

  it('absorbs a decision that comes after the guest already left', () => {
    for (const name of DECISIONS) {
      expect(guestTransition(states.closed, events[name])).toEqual({
        state: states.closed,
        effects: [],
      });
    }
  });
});

describe('keeping the connection', () => {
  it('answers ping with pong carrying the same time', () => {
    expect(guestTransition(states.watching, events.ping)).toEqual({
      state: states.watching,
      effects: [{ type: 'send', message: { v: 2, type: 'pong', t: 42 } }],
    });
  });

  it('stops media and closes on bye without sending anything, keeping name and client', () => {
    expect(guestTransition(states.watching, events.bye)).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'left' },
      effects: [{ type: 'stop-media' }, { type: 'close' }],
    });
  });

  it('closes a guest that said bye before hello with no name and no client', () => {
    expect(guestTransition(states['awaiting-hello'], events.bye)).toEqual({
      state: { kind: 'closed', name: null, client: null, why: 'left' },
      effects: [{ type: 'close' }],
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
        state: { kind: 'closed', name: null, client: CLIENT, why: 'security' },
        effects: [
          { type: 'send', message: { v: 2, type: 'denied', reason: 'security' } },
          { type: 'close' },
        ],
      });
    },
  );

  it('stops media when a watching guest floods malformed messages', () => {
    const count = INVALID_MESSAGE_LIMIT;
    expect(guestTransition(states.watching, { type: 'invalid-message', count })).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'security' },
      effects: [
        { type: 'send', message: { v: 2, type: 'denied', reason: 'security' } },
        { type: 'stop-media' },
        { type: 'close' },
      ],
    });
  });

  it.each(['awaiting-hello', 'challenged', 'verifying', 'admitting'] as const)(
    'lets the handshake timer close a guest still %s',
    (kind) => {
      expect(guestTransition(states[kind], events['handshake timeout'])).toEqual({
        state: {
          kind: 'closed',
          name: kind === 'admitting' ? 'Ann' : null,
          client: kind === 'awaiting-hello' ? null : CLIENT,
          why: 'timeout',
        },
        effects: [{ type: 'close' }],
      });
    },
  );

  it('does not let the handshake timer close a watching guest', () => {
    expect(guestTransition(states.watching, events['handshake timeout'])).toEqual({
      state: states.watching,
      effects: [],
    });
  });

  it('stops media and closes a watching guest whose heartbeat stopped, keeping its seat as dropped', () => {
    expect(guestTransition(states.watching, events['heartbeat timeout'])).toEqual({
      state: { kind: 'dropped', name: 'Ann', client: CLIENT },
      effects: [{ type: 'stop-media' }, { type: 'close' }],
    });
  });

  it('lets a dropped guest go for good when it gives up or comes back elsewhere, doing nothing more', () => {
    for (const name of ['gave up', 'superseded'] as const) {
      expect(guestTransition(states.dropped, events[name])).toEqual({
        state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'timeout' },
        effects: [],
      });
    }
  });

  it('says bye with reason ended when the session ends, then stops media and closes', () => {
    expect(guestTransition(states.watching, events['session ended'])).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'ended' },
      effects: [
        { type: 'send', message: { v: 2, type: 'bye', reason: 'ended' } },
        { type: 'stop-media' },
        { type: 'close' },
      ],
    });
  });

  it('says bye to a waiting guest when the session ends, with no media to stop', () => {
    expect(guestTransition(states.waiting, events['session ended'])).toEqual({
      state: { kind: 'closed', name: 'Ann', client: CLIENT, why: 'ended' },
      effects: [
        { type: 'send', message: { v: 2, type: 'bye', reason: 'ended' } },
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

describe('control messages', () => {
  const CONTROL = ['control request', 'control release', 'input'] as const satisfies EventName[];
  const NOT_WATCHING = [
    'awaiting-hello',
    'challenged',
    'verifying',
    'proved',
    'admitting',
    'waiting',
  ] as const;
  const sentIn = (event: GuestEvent) => (event.type === 'message' ? event.message : null);

  it.each(CONTROL)('hands %s from a watching guest to the control machine, whole', (name) => {
    expect(guestTransition(states.watching, events[name])).toEqual({
      state: states.watching,
      effects: [{ type: 'control', message: sentIn(events[name]) }],
    });
  });

  it('hands on input with its epoch, sequence number and event untouched', () => {
    const [effect] = guestTransition(states.watching, events.input).effects;
    expect(effect).toEqual({ type: 'control', message: INPUT });
  });

  it.each(NOT_WATCHING.flatMap((kind) => CONTROL.map((name) => [kind, name] as const)))(
    'warns about a guest still %s sending %s, and drops it',
    (kind, name) => {
      expect(guestTransition(states[kind], events[name])).toEqual({
        state: states[kind],
        effects: [{ type: 'warn', message: `${sentIn(events[name])?.type} while ${kind}` }],
      });
    },
  );

  it.each(CONTROL)('absorbs %s from a closed guest silently', (name) => {
    expect(guestTransition(states.closed, events[name])).toEqual({
      state: states.closed,
      effects: [],
    });
  });

  it('does not let a waiting guest reach control by sending input before admission', () => {
    const { state, sent } = run(states.waiting, [
      events['control request'],
      events.input,
      events.admit,
    ]);
    expect(state.kind).toBe('watching');
    expect(sent).toEqual([WARN, WARN, 'send admitted', 'start-media']);
  });
});

function run(start: GuestState, steps: GuestEvent[]): { state: GuestState; sent: string[] } {
  let state = start;
  const sent: string[] = [];
  for (const event of steps) {
    const result = guestTransition(state, event);
    state = result.state;
    sent.push(...result.effects.map(describeEffect));
  }
  return { state, sent };
}
