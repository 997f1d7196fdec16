import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ControlEvent, type ControlState, NO_CONTROL } from '../../src/shared/control.js';
import { appError } from '../../src/shared/errors.js';
import {
  AUDIT_LIMIT,
  type AuditRecord,
  badgeText,
  type ControlOffer,
  type GuestDecision,
  type GuestView,
  IDLE,
  type SessionEffect,
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

type Live = Extract<SessionState, { kind: 'live' }>;

/** db-watching holds control of the tab since epoch 3; db-waiting asked earlier and waits. */
const HELD: ControlState = {
  epoch: 3,
  holder: { peerId: 'db-watching', name: 'watching', at: 150, scope: 'tab', since: 250 },
  requests: [],
};

const states = {
  idle: IDLE,
  starting: {
    kind: 'starting',
    sessionId: SID,
    tabId: 7,
    peerId: 'db-p',
    link: 'L',
    startedAt: 100,
    admitEveryone: false,
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
    capturedTabId: 7,
    controlOffer: { kind: 'tab' },
    control: NO_CONTROL,
    audit: [],
    pointersAllowed: false,
    admitEveryone: false,
  },
  controlled: {
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
    capturedTabId: 7,
    controlOffer: { kind: 'tab' },
    control: HELD,
    audit: [],
    pointersAllowed: false,
    admitEveryone: false,
  },
} satisfies Record<SessionState['kind'] | 'controlled', SessionState>;

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
    relay: null,
    now: 300,
  },
  'host-ready': { type: 'host-ready', sessionId: SID, surface, capturedTabId: 7, now: 400 },
  'control-offer': { type: 'control-offer', sessionId: SID, offer: { kind: 'desktop' } },
  pointers: { type: 'pointers', on: true },
  control: {
    type: 'control',
    event: { type: 'request', peerId: 'db-watching', name: 'watching', now: 450 },
    now: 450,
  },
  'host-failed': { type: 'host-failed', sessionId: SID, error: failure },
  'host-ended': { type: 'host-ended', sessionId: SID },
  guests: {
    type: 'guests',
    sessionId: SID,
    guests: [guest('checking')],
    rejectedAttempts: 2,
    now: 1_000,
  },
  'guest-decision': { type: 'guest-decision', peerId: 'db-waiting', decision: 'admit' },
  'new-link': { type: 'new-link', key: 'K-new', peerId: 'db-renewed', link: 'L-new', relay: null },
  stop: { type: 'stop' },
  'host-lost': { type: 'host-lost' },
} satisfies { [T in SessionEvent['type']]: Extract<SessionEvent, { type: T }> };

type Kind = SessionState['kind'];
type StateName = keyof typeof states;
type EventType = keyof typeof events;
const END = ['stop-host', 'close-host'];
/** With a guest in control, the executor is let go before anything else. */
const END_CONTROLLED = ['control-detach', ...END];

/**
 * Every state × event: the next state's kind and the effects, by type. `controlled` is live with
 * db-watching in control; its `control` row is db-watching asking again, which only warns.
 */
const table: [StateName, EventType, Kind, string[]][] = [
  ['idle', 'start', 'starting', ['start-host']],
  ['idle', 'host-ready', 'idle', ['warn']],
  ['idle', 'control-offer', 'idle', ['warn']],
  ['idle', 'pointers', 'idle', ['warn']],
  ['idle', 'control', 'idle', ['warn']],
  ['idle', 'host-failed', 'idle', ['warn']],
  ['idle', 'host-ended', 'idle', ['warn']],
  ['idle', 'guests', 'idle', ['warn']],
  ['idle', 'guest-decision', 'idle', ['warn']],
  ['idle', 'new-link', 'idle', ['warn']],
  ['idle', 'stop', 'idle', ['warn']],
  ['idle', 'host-lost', 'idle', []],
  ['starting', 'start', 'starting', ['warn']],
  ['starting', 'host-ready', 'live', ['check-control-offer']],
  ['starting', 'control-offer', 'starting', ['warn']],
  ['starting', 'pointers', 'starting', ['warn']],
  ['starting', 'control', 'starting', ['warn']],
  ['starting', 'host-failed', 'idle', END],
  ['starting', 'host-ended', 'idle', END],
  ['starting', 'guests', 'starting', ['warn']],
  ['starting', 'guest-decision', 'starting', ['warn']],
  ['starting', 'new-link', 'starting', ['warn']],
  ['starting', 'stop', 'idle', END],
  ['starting', 'host-lost', 'idle', END],
  ['live', 'start', 'live', ['warn']],
  ['live', 'host-ready', 'live', ['warn']],
  ['live', 'control-offer', 'live', []],
  ['live', 'pointers', 'live', ['pointers-host']],
  ['live', 'control', 'live', ['control-notify']],
  ['live', 'host-failed', 'idle', END],
  ['live', 'host-ended', 'idle', END],
  ['live', 'guests', 'live', []],
  ['live', 'guest-decision', 'live', ['decide-guest']],
  ['live', 'new-link', 'live', ['rekey-host']],
  ['live', 'stop', 'idle', END],
  ['live', 'host-lost', 'idle', END],
  ['controlled', 'start', 'live', ['warn']],
  ['controlled', 'host-ready', 'live', ['warn']],
  ['controlled', 'control-offer', 'live', []],
  ['controlled', 'pointers', 'live', ['pointers-host']],
  ['controlled', 'control', 'live', ['warn']],
  ['controlled', 'host-failed', 'idle', END_CONTROLLED],
  ['controlled', 'host-ended', 'idle', END_CONTROLLED],
  ['controlled', 'guests', 'live', ['control-detach', 'control-notify', 'control-sync']],
  ['controlled', 'guest-decision', 'live', ['decide-guest']],
  ['controlled', 'new-link', 'live', ['rekey-host']],
  ['controlled', 'stop', 'idle', END_CONTROLLED],
  ['controlled', 'host-lost', 'idle', END_CONTROLLED],
];

describe('transition', () => {
  it('has a row for every state and event', () => {
    expect(table).toHaveLength(4 * 12);
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

  const warned = table.filter(([, , , effects]) => effects[0] === 'warn');

  it.each(warned.filter(([name, type]) => !(name === 'controlled' && type === 'control')))(
    '%s + %s keeps the very same state',
    (kind, type) => {
      expect(transition(states[kind], events[type]).state).toBe(states[kind]);
    },
  );

  it('controlled + control, refused by the control machine, keeps an equal state', () => {
    expect(transition(states.controlled, events.control).state).toEqual(states.controlled);
  });

  it('does not touch the state it was given', () => {
    const frozen = structuredClone(states);
    for (const name of Object.keys(states) as StateName[]) {
      for (const type of Object.keys(events) as EventType[]) transition(states[name], events[type]);
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
      admitEveryone: DEFAULT_SETTINGS.admitEveryone,
    });
    expect(effects).toEqual([
      {
        type: 'start-host',
        sessionId: 'session-2',
        peerId: 'db-new',
        key: 'K',
        settings: DEFAULT_SETTINGS,
        relay: null,
      },
    ]);
    expect(JSON.stringify(state)).not.toContain('"K"');
  });

  it('start replaces the last error of an ended session', () => {
    const failed = { kind: 'idle', lastEnd: 'failed', lastError: failure } as const;
    expect(transition(failed, events.start).state).not.toHaveProperty('lastError');
  });

  it('host-ready goes live with the surface, no guests, nobody in control and the offer unknown', () => {
    expect(transition(states.starting, events['host-ready'])).toEqual({
      state: {
        ...states.starting,
        kind: 'live',
        liveAt: 400,
        surface,
        guests: [],
        rejectedAttempts: 0,
        capturedTabId: 7,
        controlOffer: { kind: 'checking' },
        control: { epoch: 0, holder: null, requests: [] },
        audit: [],
        pointersAllowed: false,
      },
      effects: [{ type: 'check-control-offer', sessionId: SID, surface, capturedTabId: 7 }],
    });
  });

  it('host-ready without a controllable tab keeps capturedTabId null and still checks the offer', () => {
    const { state, effects } = transition(states.starting, {
      ...events['host-ready'],
      capturedTabId: null,
    });
    expect(state).toMatchObject({ kind: 'live', capturedTabId: null });
    expect(effects).toEqual([
      { type: 'check-control-offer', sessionId: SID, surface, capturedTabId: null },
    ]);
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
  // (control-offer and control name no session: they only ever apply to the live one.)
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
  it('replaces the link and the peer id, keeps everything else, and rekeys the host', () => {
    expect(transition(states.live, events['new-link'])).toEqual({
      state: { ...states.live, link: 'L-new', peerId: 'db-renewed' },
      effects: [
        { type: 'rekey-host', sessionId: SID, key: 'K-new', peerId: 'db-renewed', relay: null },
      ],
    });
  });

  // Issue #14, finding 7: with admit-everyone on, the removed guest's own link (or a private
  // window with it) would let them straight back in; only a new link keeps them out.
  it('Remove with admit-everyone on also makes a new link, and says whose removal did', () => {
    const open = { ...states.live, admitEveryone: true };
    const remove: SessionEvent = {
      type: 'guest-decision',
      peerId: 'db-watching',
      decision: 'remove',
    };
    expect(transition(open, remove)).toEqual({
      state: { ...open, renewedAfterRemoving: 'watching' },
      effects: [
        { type: 'decide-guest', sessionId: SID, peerId: 'db-watching', decision: 'remove' },
        { type: 'renew-link', sessionId: SID },
      ],
    });
  });

  it('Remove with admit-everyone off keeps the link: the removed guest must be admitted again', () => {
    const remove: SessionEvent = {
      type: 'guest-decision',
      peerId: 'db-watching',
      decision: 'remove',
    };
    expect(transition(states.live, remove).effects).toEqual([
      { type: 'decide-guest', sessionId: SID, peerId: 'db-watching', decision: 'remove' },
    ]);
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

describe('control in a live session', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const watcher = (name: string) => ({ ...guest('watching', `db-${name}`), name });
  /** Live with Ann, Bob and Cy watching, nobody in control. */
  const crowd: Live = {
    ...states.live,
    guests: [watcher('ann'), watcher('bob'), watcher('cy')],
  };
  const control = (
    event: ControlEvent,
    now = 1_000,
    counts?: { injected: number; dropped: number },
  ): SessionEvent =>
    counts ? { type: 'control', event, now, counts } : { type: 'control', event, now };
  const ask = (name: string, now = 500): ControlEvent => ({
    type: 'request',
    peerId: `db-${name}`,
    name,
    now,
  });
  const allow = (name: string, scope: 'tab' | 'desktop' = 'tab'): ControlEvent => ({
    type: 'allow',
    peerId: `db-${name}`,
    scope,
    now: 900,
  });

  /** Runs events in order from `start`, collecting every effect. */
  function run(start: SessionState, events: SessionEvent[]) {
    let state = start;
    const effects: SessionEffect[] = [];
    for (const event of events) {
      const result = transition(state, event);
      state = result.state;
      effects.push(...result.effects);
    }
    return { state: state as Live, effects };
  }

  /** Crowd with Bob in control of the tab (epoch 1) and Ann asking after him. */
  const bobHolds = run(crowd, [
    control(ask('bob')),
    control(allow('bob')),
    control(ask('ann')),
  ]).state;

  it.each([
    { kind: 'tab' },
    { kind: 'desktop' },
    { kind: 'unavailable', reason: 'The desktop helper is not installed.' },
    { kind: 'checking' },
  ] as ControlOffer[])('control-offer $kind replaces what a guest could get', (offer) => {
    expect(transition(states.live, { type: 'control-offer', sessionId: SID, offer })).toEqual({
      state: { ...states.live, controlOffer: offer },
      effects: [],
    });
  });

  it.each([
    ['starting', 'control-offer'],
    ['idle', 'control'],
    ['starting', 'control'],
  ] as const)('is ignored while %s, in words: %s', (kind, type) => {
    expect(transition(states[kind], events[type])).toEqual({
      state: states[kind],
      effects: [{ type: 'warn', message: `${type} while ${kind} ignored` }],
    });
  });

  it('ignores an offer that belongs to another (for instance an ended) session', () => {
    expect(transition(states.idle, events['control-offer'])).toEqual({
      state: states.idle,
      effects: [{ type: 'warn', message: `control-offer for another session (${SID}) ignored` }],
    });
    const stale = { type: 'control-offer', sessionId: 'older', offer: { kind: 'tab' } } as const;
    expect(transition(states.live, stale).state).toBe(states.live);
  });

  it('queues a request, tells the guest their place and records it with the time', () => {
    const { state, effects } = transition(crowd, control(ask('ann'), 1_234));
    expect(effects).toEqual([
      {
        type: 'control-notify',
        sessionId: SID,
        peerId: 'db-ann',
        notice: { type: 'queued', position: 1 },
      },
    ]);
    expect(state).toEqual({
      ...crowd,
      control: { epoch: 0, holder: null, requests: [{ peerId: 'db-ann', name: 'ann', at: 500 }] },
      audit: [{ type: 'requested', peerId: 'db-ann', name: 'ann', epoch: 0, at: 1_234 }],
    });
  });

  it('on allow, attaches the executor to the captured tab, tells the guest, then syncs the host', () => {
    const asked = transition(crowd, control(ask('ann'))).state;
    const { state, effects } = transition(asked, control(allow('ann'), 2_000));
    expect(effects).toEqual([
      { type: 'control-attach', scope: 'tab', tabId: 7, epoch: 1 },
      {
        type: 'control-notify',
        sessionId: SID,
        peerId: 'db-ann',
        notice: { type: 'granted', epoch: 1, scope: 'tab' },
      },
      { type: 'control-sync', sessionId: SID, epoch: 1, holder: 'db-ann' },
    ]);
    expect((state as Live).control.holder).toMatchObject({ peerId: 'db-ann', scope: 'tab' });
    expect((state as Live).audit.at(-1)).toEqual({
      type: 'granted',
      peerId: 'db-ann',
      name: 'ann',
      epoch: 1,
      scope: 'tab',
      at: 2_000,
    });
  });

  it('attaches the desktop with no tab when the share is not a controllable tab', () => {
    const noTab: Live = { ...crowd, capturedTabId: null, controlOffer: { kind: 'desktop' } };
    const { effects } = run(noTab, [control(ask('ann')), control(allow('ann', 'desktop'))]);
    expect(effects).toContainEqual({
      type: 'control-attach',
      scope: 'desktop',
      tabId: null,
      epoch: 1,
    });
  });

  it('hands control to someone else: detach, revoke given-to-other, attach, grant, one sync', () => {
    const { state, effects } = transition(bobHolds, control(allow('ann')));
    expect(effects).toEqual([
      { type: 'control-detach', epoch: expect.any(Number) },
      {
        type: 'control-notify',
        sessionId: SID,
        peerId: 'db-bob',
        notice: { type: 'revoked', epoch: 2, reason: 'given-to-other' },
      },
      { type: 'control-attach', scope: 'tab', tabId: 7, epoch: 3 },
      {
        type: 'control-notify',
        sessionId: SID,
        peerId: 'db-ann',
        notice: { type: 'granted', epoch: 3, scope: 'tab' },
      },
      { type: 'control-sync', sessionId: SID, epoch: 3, holder: 'db-ann' },
    ]);
    expect((state as Live).audit.slice(-2).map((r) => [r.type, r.peerId, r.epoch])).toEqual([
      ['revoked', 'db-bob', 2],
      ['granted', 'db-ann', 3],
    ]);
  });

  it.each([
    ['take-back', { type: 'take-back' }, 'taken-back'],
    ['release', { type: 'release', peerId: 'db-bob' }, 'released'],
    ['executor-lost', { type: 'executor-lost' }, 'executor-lost'],
  ] as [string, ControlEvent, string][])(
    '%s detaches, tells the holder why, and syncs nobody in control',
    (_, event, reason) => {
      const { state, effects } = transition(bobHolds, control(event));
      expect(effects).toEqual([
        { type: 'control-detach', epoch: 2 },
        {
          type: 'control-notify',
          sessionId: SID,
          peerId: 'db-bob',
          notice: { type: 'revoked', epoch: 2, reason },
        },
        { type: 'control-sync', sessionId: SID, epoch: 2, holder: null },
      ]);
      expect((state as Live).control).toMatchObject({ epoch: 2, holder: null });
      expect(badgeText(state)).toBe('3');
    },
  );

  it('records the counts of the grant that ended with its revoke', () => {
    const { state } = transition(
      bobHolds,
      control({ type: 'take-back' }, 5_000, { injected: 42, dropped: 3 }),
    );
    expect((state as Live).audit.at(-1)).toEqual({
      type: 'revoked',
      peerId: 'db-bob',
      name: 'bob',
      epoch: 2,
      reason: 'taken-back',
      at: 5_000,
      injected: 42,
      dropped: 3,
    });
  });

  it('puts counts on the revoke only, not on the grant that follows it', () => {
    const { state } = transition(
      bobHolds,
      control(allow('ann'), 5_000, { injected: 7, dropped: 1 }),
    );
    const [revoked, granted] = (state as Live).audit.slice(-2);
    expect(revoked).toMatchObject({ type: 'revoked', injected: 7, dropped: 1 });
    expect(granted).not.toHaveProperty('injected');
    expect(granted).not.toHaveProperty('dropped');
  });

  it('puts no counts on a request, even when some are given', () => {
    const { state } = transition(crowd, control(ask('ann'), 1, { injected: 9, dropped: 9 }));
    expect((state as Live).audit[0]).not.toHaveProperty('injected');
  });

  it('records a revoke without counts when none are given', () => {
    const { state } = transition(bobHolds, control({ type: 'take-back' }));
    expect((state as Live).audit.at(-1)).not.toHaveProperty('injected');
  });

  it('passes a warning of the control machine on in words, and syncs nothing', () => {
    const { state, effects } = transition(bobHolds, control(ask('bob')));
    expect(effects).toEqual([{ type: 'warn', message: 'bob already has control' }]);
    expect(state).toEqual(bobHolds);
  });

  it.each([
    ['a denial', { type: 'deny', peerId: 'db-ann' }, ['control-notify']],
    ['a withdrawn request', { type: 'release', peerId: 'db-ann' }, []],
    ['a new request', ask('cy'), ['control-notify']],
  ] as [string, ControlEvent, string[]][])(
    'does not sync the host for %s: neither epoch nor holder changed',
    (_, event, types) => {
      const { effects } = transition(bobHolds, control(event));
      expect(effects.map((e) => e.type)).toEqual(types);
    },
  );

  it('keeps the epoch rising across grants and revokes', () => {
    const { effects } = run(crowd, [
      control(ask('ann')),
      control(allow('ann')),
      control(ask('bob')),
      control(allow('bob')),
      control({ type: 'take-back' }),
      control(ask('cy')),
      control(allow('cy', 'desktop')),
      control({ type: 'release', peerId: 'db-cy' }),
    ]);
    const synced = effects.flatMap((e) => (e.type === 'control-sync' ? [e.epoch] : []));
    expect(synced).toEqual([1, 3, 4, 5, 6]);
  });

  it(`keeps the latest ${AUDIT_LIMIT} audit records, dropping the oldest first`, () => {
    const old: AuditRecord[] = Array.from({ length: AUDIT_LIMIT }, (_, i) => ({
      type: 'requested',
      peerId: `db-${i}`,
      name: `g${i}`,
      epoch: 0,
      at: i,
    }));
    const { state } = transition({ ...crowd, audit: old }, control(ask('ann'), 9_999));
    const audit = (state as Live).audit;
    expect(audit).toHaveLength(AUDIT_LIMIT);
    expect(audit[0]).toBe(old[1]);
    expect(audit.at(-1)).toMatchObject({ peerId: 'db-ann', at: 9_999 });
  });

  it('does not touch the audit log it was given', () => {
    const before = structuredClone(bobHolds);
    transition(bobHolds, control(allow('ann')));
    expect(bobHolds).toEqual(before);
  });

  describe('when the guest list changes', () => {
    const update = (guests: GuestView[]): SessionEvent => ({
      type: 'guests',
      sessionId: SID,
      guests,
      rejectedAttempts: 0,
      now: 1_000,
    });
    const left = (name: string) => ({ ...watcher(name), status: 'left' as const });

    it.each([
      ['left', [left('bob'), watcher('ann'), watcher('cy')]],
      ['was removed', [{ ...watcher('bob'), status: 'removed' as const }, watcher('ann')]],
      ['is gone from the list', [watcher('ann'), watcher('cy')]],
    ] as [string, GuestView[]][])(
      'takes control from a holder who %s, with reason guest-left',
      (_, guests) => {
        const { state, effects } = transition(bobHolds, update(guests));
        expect(effects).toEqual([
          { type: 'control-detach', epoch: 2 },
          {
            type: 'control-notify',
            sessionId: SID,
            peerId: 'db-bob',
            notice: { type: 'revoked', epoch: 2, reason: 'guest-left' },
          },
          { type: 'control-sync', sessionId: SID, epoch: 2, holder: null },
        ]);
        expect((state as Live).control.holder).toBeNull();
        expect((state as Live).guests).toBe(guests);
      },
    );

    it('drops a queued guest who stopped watching, silently', () => {
      const { state, effects } = transition(
        bobHolds,
        update([watcher('bob'), left('ann'), watcher('cy')]),
      );
      expect(effects).toEqual([]);
      expect((state as Live).control).toEqual({ ...bobHolds.control, requests: [] });
    });

    it('takes control and the queue place both when holder and asker leave together', () => {
      const { state, effects } = transition(bobHolds, update([watcher('cy')]));
      expect(effects.map((e) => e.type)).toEqual([
        'control-detach',
        'control-notify',
        'control-sync',
      ]);
      expect((state as Live).control).toEqual({ epoch: 2, holder: null, requests: [] });
    });

    it('changes nothing about control while the holder and askers still watch', () => {
      const guests = [watcher('ann'), watcher('bob'), watcher('cy'), guest('checking')];
      const { state, effects } = transition(bobHolds, update(guests));
      expect(effects).toEqual([]);
      expect(state).toEqual({ ...bobHolds, guests, rejectedAttempts: 0 });
    });

    it('stamps the guest-left revoke in the audit log with the time the host reported', () => {
      const report = { ...update([watcher('ann')]), now: 1_700_000_000_000 };
      const { state } = transition(bobHolds, report);
      expect((state as Live).audit.at(-1)).toEqual({
        type: 'revoked',
        peerId: 'db-bob',
        name: 'bob',
        epoch: 2,
        reason: 'guest-left',
        at: 1_700_000_000_000,
      });
    });
  });

  describe('when the session ends', () => {
    it.each(['stop', 'host-ended', 'host-failed', 'host-lost'] as const)(
      '%s with a guest in control detaches the executor first, at the next epoch',
      (type) => {
        const { effects } = transition(states.controlled, events[type]);
        expect(effects).toEqual([
          { type: 'control-detach', epoch: 4 },
          { type: 'stop-host', sessionId: SID },
          { type: 'close-host' },
        ]);
      },
    );

    it('detaches nothing when guests only asked', () => {
      const { effects } = transition(
        {
          ...crowd,
          control: { epoch: 2, holder: null, requests: [{ peerId: 'db-ann', name: 'ann', at: 1 }] },
        },
        events.stop,
      );
      expect(effects.map((e) => e.type)).toEqual(END);
    });

    it('forgets control with the rest of the session', () => {
      expect(transition(states.controlled, events.stop).state).toEqual({
        kind: 'idle',
        lastEnd: 'stopped',
      });
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
      'live with guests checking, waiting, reconnecting, denied, removed and left',
      0,
      live(
        (['checking', 'waiting', 'reconnecting', 'denied', 'removed', 'left'] as const).map(
          (status) => guest(status),
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
    ['live with a guest in control', 'CTL', states.controlled],
    [
      'live with a guest in control among three watching',
      'CTL',
      { ...states.controlled, guests: ['a', 'b', 'c'].map((id) => guest('watching', id)) },
    ],
    [
      'live with guests only asking for control',
      '1',
      {
        ...states.live,
        control: {
          epoch: 1,
          holder: null,
          requests: [{ peerId: 'db-watching', name: 'w', at: 1 }],
        },
      },
    ],
  ] as [string, string, SessionState][])('when %s, the badge shows %j', (_, text, state) => {
    expect(badgeText(state)).toBe(text);
  });
});
