import { describe, expect, it } from 'vitest';
import { appError } from '../../src/shared/errors.js';
import {
  badgeText,
  type GuestDecision,
  type GuestView,
  IDLE,
  type SessionEvent,
  type SessionState,
  transition,
  watchingCount,
} from '../../src/shared/session.js';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.js';

const SID = 'session-1';
const surface = { kind: 'monitor', width: 1920, height: 1080 } as const;
const guest = (status: GuestView['status'], peerId = `db-${status}`): GuestView => ({
  peerId,
  name: status,
  status,
  since: 5,
  framesSent: 0,
  bytesSent: 0,
  rttMs: null,
  dropped: 0,
});

const states = {
  idle: IDLE,
  starting: {
    kind: 'starting',
    sessionId: SID,
    tabId: 7,
    peerId: 'db-p',
    link: 'L',
    startedAt: 100,
  },
  live: {
    kind: 'live',
    sessionId: SID,
    tabId: 7,
    peerId: 'db-p',
    link: 'L',
    startedAt: 100,
    liveAt: 200,
    surface,
    guests: [guest('watching'), guest('waiting')],
    rejectedAttempts: 1,
  },
} satisfies Record<SessionState['kind'], SessionState>;

const failure = appError('capture-failed', 'NotReadableError');
const events = {
  start: {
    type: 'start',
    sessionId: 'session-2',
    tabId: 3,
    peerId: 'db-new',
    key: 'K',
    link: 'L2',
    settings: DEFAULT_SETTINGS,
    now: 300,
  },
  'host-ready': { type: 'host-ready', sessionId: SID, surface, now: 400 },
  'host-failed': { type: 'host-failed', sessionId: SID, error: failure },
  'host-ended': { type: 'host-ended', sessionId: SID },
  guests: { type: 'guests', sessionId: SID, guests: [guest('checking')], rejectedAttempts: 2 },
  'guest-decision': { type: 'guest-decision', peerId: 'db-waiting', decision: 'admit' },
  'new-link': { type: 'new-link', key: 'K-new', link: 'L-new' },
  stop: { type: 'stop' },
  'host-lost': { type: 'host-lost' },
} satisfies { [T in SessionEvent['type']]: Extract<SessionEvent, { type: T }> };

type Kind = SessionState['kind'];
type EventType = keyof typeof events;
const END = ['stop-host', 'close-host'];

/** Every state × event: the next state's kind and the effects, by type. */
const table: [Kind, EventType, Kind, string[]][] = [
  ['idle', 'start', 'starting', ['start-host']],
  ['idle', 'host-ready', 'idle', ['warn']],
  ['idle', 'host-failed', 'idle', ['warn']],
  ['idle', 'host-ended', 'idle', ['warn']],
  ['idle', 'guests', 'idle', ['warn']],
  ['idle', 'guest-decision', 'idle', ['warn']],
  ['idle', 'new-link', 'idle', ['warn']],
  ['idle', 'stop', 'idle', ['warn']],
  ['idle', 'host-lost', 'idle', []],
  ['starting', 'start', 'starting', ['warn']],
  ['starting', 'host-ready', 'live', []],
  ['starting', 'host-failed', 'idle', END],
  ['starting', 'host-ended', 'idle', END],
  ['starting', 'guests', 'starting', ['warn']],
  ['starting', 'guest-decision', 'starting', ['warn']],
  ['starting', 'new-link', 'starting', ['warn']],
  ['starting', 'stop', 'idle', END],
  ['starting', 'host-lost', 'idle', END],
  ['live', 'start', 'live', ['warn']],
  ['live', 'host-ready', 'live', ['warn']],
  ['live', 'host-failed', 'idle', END],
  ['live', 'host-ended', 'idle', END],
  ['live', 'guests', 'live', []],
  ['live', 'guest-decision', 'live', ['decide-guest']],
  ['live', 'new-link', 'live', ['rekey-host']],
  ['live', 'stop', 'idle', END],
  ['live', 'host-lost', 'idle', END],
];

describe('transition', () => {
  it('has a row for every state and event', () => {
    expect(table).toHaveLength(3 * 9);
    const rows = new Set(table.map(([kind, type]) => `${kind} ${type}`));
    for (const kind of Object.keys(states)) {
      for (const type of Object.keys(events)) expect(rows).toContain(`${kind} ${type}`);
    }
    expect(rows.size).toBe(table.length);
  });

  it.each(table)('%s + %s → %s with effects %j', (kind, type, nextKind, effectTypes) => {
    const { state, effects } = transition(states[kind], events[type]);
    expect(state.kind).toBe(nextKind);
    expect(effects.map((effect) => effect.type)).toEqual(effectTypes);
  });

  it.each(table.filter(([, , , effects]) => effects[0] === 'warn'))(
    '%s + %s keeps the very same state',
    (kind, type) => {
      expect(transition(states[kind], events[type]).state).toBe(states[kind]);
    },
  );

  it('does not touch the state it was given', () => {
    const frozen = structuredClone(states);
    for (const kind of Object.keys(states) as Kind[]) {
      for (const type of Object.keys(events) as EventType[]) transition(states[kind], events[type]);
    }
    expect(states).toEqual(frozen);
  });
});

describe('transition, in detail', () => {
  it('start asks the host to start with the key, and keeps the key out of the state', () => {
    const { state, effects } = transition(IDLE, events.start);
    expect(state).toEqual({
      kind: 'starting',
      sessionId: 'session-2',
      tabId: 3,
      peerId: 'db-new',
      link: 'L2',
      startedAt: 300,
    });
    expect(effects).toEqual([
      {
        type: 'start-host',
        sessionId: 'session-2',
        peerId: 'db-new',
        key: 'K',
        settings: DEFAULT_SETTINGS,
      },
    ]);
    expect(JSON.stringify(state)).not.toContain('"K"');
  });

  it('start replaces the last error of an ended session', () => {
    const failed = { kind: 'idle', lastEnd: 'failed', lastError: failure } as const;
    expect(transition(failed, events.start).state).not.toHaveProperty('lastError');
  });

  it('host-ready goes live with the surface and no guests yet', () => {
    expect(transition(states.starting, events['host-ready']).state).toEqual({
      ...states.starting,
      kind: 'live',
      liveAt: 400,
      surface,
      guests: [],
      rejectedAttempts: 0,
    });
  });

  it('guests replaces the guest list and the rejected count', () => {
    expect(transition(states.live, events.guests).state).toEqual({
      ...states.live,
      guests: [guest('checking')],
      rejectedAttempts: 2,
    });
  });

  it.each([
    ['starting', 'stop', { kind: 'idle', lastEnd: 'stopped' }],
    ['live', 'stop', { kind: 'idle', lastEnd: 'stopped' }],
    ['live', 'host-ended', { kind: 'idle', lastEnd: 'capture-ended' }],
    ['starting', 'host-failed', { kind: 'idle', lastEnd: 'failed', lastError: failure }],
    ['live', 'host-failed', { kind: 'idle', lastEnd: 'failed', lastError: failure }],
    [
      'live',
      'host-lost',
      { kind: 'idle', lastEnd: 'host-lost', lastError: appError('host-failed') },
    ],
  ] as const)('%s + %s ends in %j and stops and closes the host', (kind, type, idle) => {
    expect(transition(states[kind], events[type])).toEqual({
      state: idle,
      effects: [{ type: 'stop-host', sessionId: SID }, { type: 'close-host' }],
    });
  });

  const stale: EventType[] = ['host-ready', 'host-failed', 'host-ended', 'guests'];
  it.each(
    (['starting', 'live'] as const).flatMap((kind) => stale.map((type) => [kind, type] as const)),
  )('%s ignores %s for another session with a warning', (kind, type) => {
    const event = { ...events[type], sessionId: 'old-session' } as SessionEvent;
    const { state, effects } = transition(states[kind], event);
    expect(state).toBe(states[kind]);
    expect(effects).toEqual([
      { type: 'warn', message: `${type} for another session (old-session) ignored` },
    ]);
  });

  it('warns in words when an event does not fit the state', () => {
    expect(transition(states.live, events.start).effects).toEqual([
      { type: 'warn', message: 'start while a session is running ignored' },
    ]);
    expect(transition(states.starting, events.guests).effects).toEqual([
      { type: 'warn', message: 'guests while starting ignored' },
    ]);
    expect(transition(IDLE, events.stop).effects).toEqual([
      { type: 'warn', message: 'stop while idle ignored' },
    ]);
  });
});

describe('guest-decision', () => {
  it.each([
    ['admit', 'db-waiting'],
    ['deny', 'db-waiting'],
    ['remove', 'db-watching'],
  ] as [GuestDecision, string][])(
    'forwards %s for the known guest %s to the host and keeps the state',
    (decision, peerId) => {
      const { state, effects } = transition(states.live, {
        type: 'guest-decision',
        peerId,
        decision,
      });
      expect(state).toBe(states.live);
      expect(effects).toEqual([{ type: 'decide-guest', sessionId: SID, peerId, decision }]);
    },
  );

  it.each(['admit', 'deny', 'remove'] as GuestDecision[])(
    'ignores %s for a guest the session does not know, with a warning',
    (decision) => {
      const { state, effects } = transition(states.live, {
        type: 'guest-decision',
        peerId: 'db-stranger',
        decision,
      });
      expect(state).toBe(states.live);
      expect(effects).toEqual([
        { type: 'warn', message: `${decision} for an unknown guest ignored` },
      ]);
    },
  );

  it('ignores a decision when the live session has no guests at all', () => {
    const empty = { ...states.live, guests: [] };
    const { state, effects } = transition(empty, events['guest-decision']);
    expect(state).toBe(empty);
    expect(effects.map((effect) => effect.type)).toEqual(['warn']);
  });

  it.each(['idle', 'starting'] as const)('ignores a decision while %s, in words', (kind) => {
    expect(transition(states[kind], events['guest-decision'])).toEqual({
      state: states[kind],
      effects: [{ type: 'warn', message: `guest-decision while ${kind} ignored` }],
    });
  });

  it('matches the guest by peer id, not by name', () => {
    const named = { ...states.live, guests: [{ ...guest('waiting', 'db-1'), name: 'db-2' }] };
    const byName = transition(named, { type: 'guest-decision', peerId: 'db-2', decision: 'admit' });
    expect(byName.effects.map((effect) => effect.type)).toEqual(['warn']);
    const byId = transition(named, { type: 'guest-decision', peerId: 'db-1', decision: 'admit' });
    expect(byId.effects.map((effect) => effect.type)).toEqual(['decide-guest']);
  });
});

describe('new-link', () => {
  it('replaces the link, keeps everything else, and rekeys the host', () => {
    expect(transition(states.live, events['new-link'])).toEqual({
      state: { ...states.live, link: 'L-new' },
      effects: [{ type: 'rekey-host', sessionId: SID, key: 'K-new' }],
    });
  });

  it('keeps the new key out of the state', () => {
    const { state } = transition(states.live, events['new-link']);
    expect(JSON.stringify(state)).not.toContain('K-new');
  });

  it.each(['idle', 'starting'] as const)('is ignored while %s, in words', (kind) => {
    expect(transition(states[kind], events['new-link'])).toEqual({
      state: states[kind],
      effects: [{ type: 'warn', message: `new-link while ${kind} ignored` }],
    });
  });
});

describe('watchingCount', () => {
  const live = (guests: GuestView[]): SessionState => ({ ...states.live, guests });

  it.each([
    ['idle', 0, IDLE],
    ['starting', 0, states.starting],
    ['live without guests', 0, live([])],
    [
      'live with guests checking, waiting, denied, removed and left',
      0,
      live(
        (['checking', 'waiting', 'denied', 'removed', 'left'] as const).map((status) =>
          guest(status),
        ),
      ),
    ],
    ['live with one watching and one waiting', 1, states.live],
    ['live with three watching', 3, live(['a', 'b', 'c'].map((id) => guest('watching', id)))],
  ] as [string, number, SessionState][])('is %s → %i', (_, count, state) => {
    expect(watchingCount(state)).toBe(count);
  });
});

describe('badgeText', () => {
  const live = (guests: GuestView[]): SessionState => ({ ...states.live, guests });

  it.each([
    ['idle', '', IDLE],
    ['idle after a failure', '', { kind: 'idle', lastEnd: 'failed', lastError: failure }],
    ['starting', '…', states.starting],
    ['live without guests', 'ON', live([])],
    [
      'live with guests still checking',
      'ON',
      live([guest('checking'), guest('denied'), guest('left')]),
    ],
    [
      'live with guests waiting for admission or removed',
      'ON',
      live([guest('waiting'), guest('removed')]),
    ],
    ['live with one guest watching', '1', live([guest('watching'), guest('checking')])],
    [
      'live with three guests watching',
      '3',
      live(['a', 'b', 'c'].map((id) => guest('watching', id))),
    ],
  ] as [string, string, SessionState][])('when %s, the badge shows %j', (_, text, state) => {
    expect(badgeText(state)).toBe(text);
  });
});
