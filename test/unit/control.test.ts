import { describe, expect, it } from 'vitest';
import {
  type ControlEffect,
  type ControlEvent,
  type ControlState,
  controlTransition,
  mayInject,
  NO_CONTROL,
} from '../../src/shared/control.js';
import { seededRandom } from './random-junk.js';

/** Guests by peer id; the name is the peer id with a capital. */
const ann = { peerId: 'ann', name: 'Ann', at: 10 };
const bob = { peerId: 'bob', name: 'Bob', at: 20 };
const cy = { peerId: 'cy', name: 'Cy', at: 30 };

const states = {
  none: { epoch: 4, holder: null, requests: [] },
  requested: { epoch: 4, holder: null, requests: [ann] },
  'granted with a queue': {
    epoch: 5,
    holder: { ...bob, scope: 'tab', since: 50 },
    requests: [ann, cy],
  },
} satisfies Record<string, ControlState>;

const request = (peerId: string): ControlEvent => ({
  type: 'request',
  peerId,
  name: peerId.charAt(0).toUpperCase() + peerId.slice(1),
  now: 99,
});

const events = {
  'request from Dan, new': request('dan'),
  'request from Ann': request('ann'),
  'request from Bob': request('bob'),
  'allow Ann for the tab': { type: 'allow', peerId: 'ann', scope: 'tab', now: 100 },
  'allow Ann for the desktop': { type: 'allow', peerId: 'ann', scope: 'desktop', now: 100 },
  'allow Dan, who never asked': { type: 'allow', peerId: 'dan', scope: 'tab', now: 100 },
  'deny Ann': { type: 'deny', peerId: 'ann' },
  'deny Dan, who never asked': { type: 'deny', peerId: 'dan' },
  'deny Bob': { type: 'deny', peerId: 'bob' },
  'release by Bob': { type: 'release', peerId: 'bob' },
  'release by Ann': { type: 'release', peerId: 'ann' },
  'release by Dan': { type: 'release', peerId: 'dan' },
  'take-back': { type: 'take-back' },
  'Ann left': { type: 'guest-left', peerId: 'ann' },
  'Bob left': { type: 'guest-left', peerId: 'bob' },
  'Dan left': { type: 'guest-left', peerId: 'dan' },
  'executor lost': { type: 'executor-lost' },
  'session ended': { type: 'session-ended' },
} satisfies Record<string, ControlEvent>;

type StateName = keyof typeof states;
type EventName = keyof typeof events;

/** `e5 · bob tab · [ann, cy]`: epoch, holder and scope, queue. */
const describeState = (state: ControlState) =>
  `e${state.epoch} · ${state.holder ? `${state.holder.peerId} ${state.holder.scope}` : 'none'} · [${state.requests.map((r) => r.peerId).join(', ')}]`;

function describeEffect(effect: ControlEffect): string {
  switch (effect.type) {
    case 'notify': {
      const { notice } = effect;
      const detail =
        notice.type === 'granted'
          ? ` e${notice.epoch} ${notice.scope}`
          : notice.type === 'revoked'
            ? ` e${notice.epoch} ${notice.reason}`
            : notice.type === 'queued'
              ? ` ${notice.position}`
              : '';
      return `notify ${effect.peerId} ${notice.type}${detail}`;
    }
    case 'attach':
      return `attach ${effect.scope}`;
    case 'audit': {
      const { entry } = effect;
      return `audit ${entry.type} ${entry.peerId} e${entry.epoch}${entry.scope ? ` ${entry.scope}` : ''}${entry.reason ? ` ${entry.reason}` : ''}`;
    }
    default:
      return effect.type;
  }
}

const WARN = ['warn'];
const revokedBob = (epoch: number, reason: string) => [
  'detach',
  `notify bob revoked e${epoch} ${reason}`,
  `audit revoked bob e${epoch} ${reason}`,
];
const granted = (epoch: number, scope: string) => [
  `attach ${scope}`,
  `notify ann granted e${epoch} ${scope}`,
  `audit granted ann e${epoch} ${scope}`,
];

const NONE = 'e4 · none · []';
const REQUESTED = 'e4 · none · [ann]';
const GRANTED = 'e5 · bob tab · [ann, cy]';

/** Every state × event: the next state, described, and the effects, in order. */
const table: [StateName, EventName, string, string[]][] = [
  [
    'none',
    'request from Dan, new',
    'e4 · none · [dan]',
    ['notify dan queued 1', 'audit requested dan e4'],
  ],
  ['none', 'request from Ann', REQUESTED, ['notify ann queued 1', 'audit requested ann e4']],
  [
    'none',
    'request from Bob',
    'e4 · none · [bob]',
    ['notify bob queued 1', 'audit requested bob e4'],
  ],
  ['none', 'allow Ann for the tab', NONE, WARN],
  ['none', 'allow Ann for the desktop', NONE, WARN],
  ['none', 'allow Dan, who never asked', NONE, WARN],
  ['none', 'deny Ann', NONE, WARN],
  ['none', 'deny Dan, who never asked', NONE, WARN],
  ['none', 'deny Bob', NONE, WARN],
  ['none', 'release by Bob', NONE, []],
  ['none', 'release by Ann', NONE, []],
  ['none', 'release by Dan', NONE, []],
  ['none', 'take-back', NONE, []],
  ['none', 'Ann left', NONE, []],
  ['none', 'Bob left', NONE, []],
  ['none', 'Dan left', NONE, []],
  ['none', 'executor lost', NONE, []],
  ['none', 'session ended', NONE, []],

  [
    'requested',
    'request from Dan, new',
    'e4 · none · [ann, dan]',
    ['notify dan queued 2', 'audit requested dan e4'],
  ],
  ['requested', 'request from Ann', REQUESTED, WARN],
  [
    'requested',
    'request from Bob',
    'e4 · none · [ann, bob]',
    ['notify bob queued 2', 'audit requested bob e4'],
  ],
  ['requested', 'allow Ann for the tab', 'e5 · ann tab · []', granted(5, 'tab')],
  ['requested', 'allow Ann for the desktop', 'e5 · ann desktop · []', granted(5, 'desktop')],
  ['requested', 'allow Dan, who never asked', REQUESTED, WARN],
  ['requested', 'deny Ann', NONE, ['notify ann denied', 'audit denied ann e4']],
  ['requested', 'deny Dan, who never asked', REQUESTED, WARN],
  ['requested', 'deny Bob', REQUESTED, WARN],
  ['requested', 'release by Bob', REQUESTED, []],
  ['requested', 'release by Ann', NONE, []],
  ['requested', 'release by Dan', REQUESTED, []],
  ['requested', 'take-back', REQUESTED, []],
  ['requested', 'Ann left', NONE, []],
  ['requested', 'Bob left', REQUESTED, []],
  ['requested', 'Dan left', REQUESTED, []],
  ['requested', 'executor lost', REQUESTED, []],
  ['requested', 'session ended', NONE, []],

  [
    'granted with a queue',
    'request from Dan, new',
    'e5 · bob tab · [ann, cy, dan]',
    ['notify dan queued 3', 'audit requested dan e5'],
  ],
  ['granted with a queue', 'request from Ann', GRANTED, WARN],
  ['granted with a queue', 'request from Bob', GRANTED, WARN],
  [
    'granted with a queue',
    'allow Ann for the tab',
    'e7 · ann tab · [cy]',
    [...revokedBob(6, 'given-to-other'), ...granted(7, 'tab'), 'notify cy queued 1'],
  ],
  [
    'granted with a queue',
    'allow Ann for the desktop',
    'e7 · ann desktop · [cy]',
    [...revokedBob(6, 'given-to-other'), ...granted(7, 'desktop'), 'notify cy queued 1'],
  ],
  ['granted with a queue', 'allow Dan, who never asked', GRANTED, WARN],
  [
    'granted with a queue',
    'deny Ann',
    'e5 · bob tab · [cy]',
    ['notify ann denied', 'audit denied ann e5', 'notify cy queued 1'],
  ],
  ['granted with a queue', 'deny Dan, who never asked', GRANTED, WARN],
  ['granted with a queue', 'deny Bob', GRANTED, WARN],
  ['granted with a queue', 'release by Bob', 'e6 · none · [ann, cy]', revokedBob(6, 'released')],
  ['granted with a queue', 'release by Ann', 'e5 · bob tab · [cy]', ['notify cy queued 1']],
  ['granted with a queue', 'release by Dan', GRANTED, []],
  ['granted with a queue', 'take-back', 'e6 · none · [ann, cy]', revokedBob(6, 'taken-back')],
  ['granted with a queue', 'Ann left', 'e5 · bob tab · [cy]', ['notify cy queued 1']],
  ['granted with a queue', 'Bob left', 'e6 · none · [ann, cy]', revokedBob(6, 'guest-left')],
  ['granted with a queue', 'Dan left', GRANTED, []],
  [
    'granted with a queue',
    'executor lost',
    'e6 · none · [ann, cy]',
    revokedBob(6, 'executor-lost'),
  ],
  ['granted with a queue', 'session ended', 'e6 · none · []', revokedBob(6, 'session-ended')],
];

describe('controlTransition', () => {
  it('has a row for every state and event', () => {
    expect(table).toHaveLength(3 * 18);
    const rows = new Set(table.map(([state, event]) => `${state} ${event}`));
    for (const state of Object.keys(states)) {
      for (const event of Object.keys(events)) expect(rows).toContain(`${state} ${event}`);
    }
    expect(rows.size).toBe(table.length);
  });

  it.each(table)('%s + %s → %s with effects %j', (name, event, next, effects) => {
    const result = controlTransition(states[name], events[event]);
    expect(describeState(result.state)).toBe(next);
    expect(result.effects.map(describeEffect)).toEqual(effects);
  });

  it.each(table.filter(([, , , effects]) => effects[0] === 'warn'))(
    '%s + %s keeps the very same state',
    (name, event) => {
      expect(controlTransition(states[name], events[event]).state).toBe(states[name]);
    },
  );

  it.each(table.filter(([name, , next]) => next === describeState(states[name])))(
    '%s + %s leaves the state as it was',
    (name, event) => {
      expect(controlTransition(states[name], events[event]).state).toEqual(states[name]);
    },
  );

  it('does not touch the state it was given', () => {
    const frozen = structuredClone(states);
    for (const name of Object.keys(states) as StateName[]) {
      for (const event of Object.keys(events) as EventName[]) {
        controlTransition(states[name], events[event]);
      }
    }
    expect(states).toEqual(frozen);
  });

  it('starts with epoch 0, nobody in control and nobody asking', () => {
    expect(NO_CONTROL).toEqual({ epoch: 0, holder: null, requests: [] });
  });
});

describe('asking for control', () => {
  it('queues guests in the order they ask and tells each their place', () => {
    let state: ControlState = NO_CONTROL;
    const positions: unknown[] = [];
    for (const peerId of ['ann', 'bob', 'cy']) {
      const result = controlTransition(state, request(peerId));
      state = result.state;
      positions.push(result.effects[0]);
    }
    expect(positions).toEqual([
      { type: 'notify', peerId: 'ann', notice: { type: 'queued', position: 1 } },
      { type: 'notify', peerId: 'bob', notice: { type: 'queued', position: 2 } },
      { type: 'notify', peerId: 'cy', notice: { type: 'queued', position: 3 } },
    ]);
    expect(state.requests.map((r) => r.peerId)).toEqual(['ann', 'bob', 'cy']);
  });

  it('keeps who asked, by what name and when', () => {
    const { state } = controlTransition(NO_CONTROL, {
      type: 'request',
      peerId: 'ann',
      name: 'Ann Lee',
      now: 1234,
    });
    expect(state).toEqual({
      epoch: 0,
      holder: null,
      requests: [{ peerId: 'ann', name: 'Ann Lee', at: 1234 }],
    });
  });

  it('does not change the epoch for a request: nothing was granted or revoked', () => {
    expect(controlTransition(states['granted with a queue'], request('dan')).state.epoch).toBe(5);
  });

  it('warns in words about a second request from the same guest, keeping their first place', () => {
    expect(controlTransition(states.requested, request('ann'))).toEqual({
      state: states.requested,
      effects: [{ type: 'warn', message: 'Ann already asked' }],
    });
  });

  it('warns in words about a request from the guest already in control', () => {
    expect(controlTransition(states['granted with a queue'], request('bob'))).toEqual({
      state: states['granted with a queue'],
      effects: [{ type: 'warn', message: 'Bob already has control' }],
    });
  });

  it('lets a withdrawn request be made again, at the back of the queue', () => {
    const withdrawn = controlTransition(states['granted with a queue'], events['release by Ann']);
    const again = controlTransition(withdrawn.state, request('ann'));
    expect(again.state.requests.map((r) => r.peerId)).toEqual(['cy', 'ann']);
    expect(again.effects[0]).toEqual({
      type: 'notify',
      peerId: 'ann',
      notice: { type: 'queued', position: 2 },
    });
  });

  it('lets a denied guest ask again', () => {
    const denied = controlTransition(states.requested, events['deny Ann']);
    expect(describeState(controlTransition(denied.state, request('ann')).state)).toBe(REQUESTED);
  });

  it('lets a guest who released ask again, and queues them behind the others', () => {
    const released = controlTransition(states['granted with a queue'], events['release by Bob']);
    const again = controlTransition(released.state, request('bob'));
    expect(again.state.requests.map((r) => r.peerId)).toEqual(['ann', 'cy', 'bob']);
  });
});

describe('allowing and denying', () => {
  it('grants the guest exactly what was allowed, from the time of the grant', () => {
    const { state, effects } = controlTransition(states.requested, {
      type: 'allow',
      peerId: 'ann',
      scope: 'desktop',
      now: 777,
    });
    expect(state).toEqual({
      epoch: 5,
      holder: { peerId: 'ann', name: 'Ann', at: 10, scope: 'desktop', since: 777 },
      requests: [],
    });
    expect(effects).toEqual([
      { type: 'attach', scope: 'desktop' },
      { type: 'notify', peerId: 'ann', notice: { type: 'granted', epoch: 5, scope: 'desktop' } },
      {
        type: 'audit',
        entry: { type: 'granted', peerId: 'ann', name: 'Ann', epoch: 5, scope: 'desktop' },
      },
    ]);
  });

  it('may allow a guest further back in the queue; the others keep their order', () => {
    const { state } = controlTransition(states['granted with a queue'], {
      type: 'allow',
      peerId: 'cy',
      scope: 'tab',
      now: 100,
    });
    expect(state.holder?.peerId).toBe('cy');
    expect(state.requests).toEqual([ann]);
  });

  it('revokes the holder with given-to-other before granting someone else', () => {
    const { state, effects } = controlTransition(
      states['granted with a queue'],
      events['allow Ann for the tab'],
    );
    expect(effects).toEqual([
      { type: 'detach' },
      {
        type: 'notify',
        peerId: 'bob',
        notice: { type: 'revoked', epoch: 6, reason: 'given-to-other' },
      },
      {
        type: 'audit',
        entry: { type: 'revoked', peerId: 'bob', name: 'Bob', epoch: 6, reason: 'given-to-other' },
      },
      { type: 'attach', scope: 'tab' },
      { type: 'notify', peerId: 'ann', notice: { type: 'granted', epoch: 7, scope: 'tab' } },
      {
        type: 'audit',
        entry: { type: 'granted', peerId: 'ann', name: 'Ann', epoch: 7, scope: 'tab' },
      },
      { type: 'notify', peerId: 'cy', notice: { type: 'queued', position: 1 } },
    ]);
    expect(state.holder?.peerId).toBe('ann');
  });

  it('does not put the holder it replaced back in the queue', () => {
    const { state } = controlTransition(
      states['granted with a queue'],
      events['allow Ann for the tab'],
    );
    expect(state.requests.map((r) => r.peerId)).toEqual(['cy']);
  });

  it('denies only the guest named and leaves the holder alone', () => {
    const { state, effects } = controlTransition(states['granted with a queue'], {
      type: 'deny',
      peerId: 'cy',
    });
    expect(state).toEqual({ ...states['granted with a queue'], requests: [ann] });
    expect(effects).toEqual([
      { type: 'notify', peerId: 'cy', notice: { type: 'denied' } },
      { type: 'audit', entry: { type: 'denied', peerId: 'cy', name: 'Cy', epoch: 5 } },
    ]);
  });

  it.each([
    ['allow', events['allow Dan, who never asked'], 'allow for a guest who did not ask'],
    ['deny', events['deny Dan, who never asked'], 'deny for a guest who did not ask'],
    [
      'allow',
      { type: 'allow', peerId: 'bob', scope: 'tab', now: 1 },
      'allow for a guest who did not ask',
    ],
  ] as [string, ControlEvent, string][])(
    'warns in words about %s for a guest not in the queue',
    (_, event, message) => {
      expect(controlTransition(states['granted with a queue'], event)).toEqual({
        state: states['granted with a queue'],
        effects: [{ type: 'warn', message }],
      });
    },
  );

  it('does not let an allow that arrives twice grant twice', () => {
    const once = controlTransition(states.requested, events['allow Ann for the tab']);
    const twice = controlTransition(once.state, events['allow Ann for the tab']);
    expect(twice.state).toBe(once.state);
    expect(twice.effects.map((e) => e.type)).toEqual(['warn']);
  });
});

describe('ending a grant', () => {
  it.each([
    ['release by Bob', 'released'],
    ['take-back', 'taken-back'],
    ['Bob left', 'guest-left'],
    ['executor lost', 'executor-lost'],
    ['session ended', 'session-ended'],
  ] as [EventName, string][])('%s revokes with the reason %s and a new epoch', (event, reason) => {
    const { state, effects } = controlTransition(states['granted with a queue'], events[event]);
    expect(state.holder).toBeNull();
    expect(state.epoch).toBe(6);
    expect(effects).toEqual([
      { type: 'detach' },
      { type: 'notify', peerId: 'bob', notice: { type: 'revoked', epoch: 6, reason } },
      { type: 'audit', entry: { type: 'revoked', peerId: 'bob', name: 'Bob', epoch: 6, reason } },
    ]);
  });

  it('keeps the queue when the holder lets go, so the sharer can answer the next', () => {
    const { state } = controlTransition(states['granted with a queue'], events['take-back']);
    expect(state.requests).toEqual([ann, cy]);
  });

  it('forgets the queue when the session ends, telling only the holder', () => {
    const { state, effects } = controlTransition(
      states['granted with a queue'],
      events['session ended'],
    );
    expect(state.requests).toEqual([]);
    const told = effects.flatMap((e) => (e.type === 'notify' ? [e.peerId] : []));
    expect(told).toEqual(['bob']);
  });

  it('does not let a queued guest release the holder', () => {
    const { state, effects } = controlTransition(
      states['granted with a queue'],
      events['release by Ann'],
    );
    expect(state.holder?.peerId).toBe('bob');
    expect(state.epoch).toBe(5);
    expect(effects).toEqual([
      { type: 'notify', peerId: 'cy', notice: { type: 'queued', position: 1 } },
    ]);
  });

  it('tells each guest still waiting their new place when the queue moves', () => {
    const { effects } = controlTransition(states['granted with a queue'], events['deny Ann']);
    expect(effects).toContainEqual({
      type: 'notify',
      peerId: 'cy',
      notice: { type: 'queued', position: 1 },
    });
    const unmoved = controlTransition(
      states['granted with a queue'],
      events['deny Dan, who never asked'],
    );
    expect(unmoved.effects.filter((e) => e.type === 'notify')).toEqual([]);
  });

  it('withdraws a queued request on release, telling no one', () => {
    expect(controlTransition(states.requested, events['release by Ann'])).toEqual({
      state: { epoch: 4, holder: null, requests: [] },
      effects: [],
    });
  });

  it('removes a guest who left from the queue wherever they stood', () => {
    const { state } = controlTransition(states['granted with a queue'], {
      type: 'guest-left',
      peerId: 'cy',
    });
    expect(state.requests).toEqual([ann]);
  });

  it.each(['take-back', 'executor lost', 'session ended'] as EventName[])(
    '%s with nobody in control changes no epoch and detaches nothing',
    (event) => {
      const { state, effects } = controlTransition(states.requested, events[event]);
      expect(state.epoch).toBe(4);
      expect(effects).toEqual([]);
    },
  );
});

describe('mayInject', () => {
  const holder = states['granted with a queue'];

  it.each([
    ['the holder with the current epoch', holder, 'bob', 5, true],
    ['the holder with the epoch before', holder, 'bob', 4, false],
    ['the holder with an epoch from the future', holder, 'bob', 6, false],
    ['the holder with epoch 0', holder, 'bob', 0, false],
    ['a queued guest with the current epoch', holder, 'ann', 5, false],
    ['a stranger with the current epoch', holder, 'dan', 5, false],
    ['anyone while nobody is in control', states.requested, 'ann', 4, false],
    ['anyone at the very start', NO_CONTROL, 'ann', 0, false],
    ['a peer id that differs only in case', holder, 'Bob', 5, false],
  ] as [string, ControlState, string, number, boolean][])(
    'for %s is %s',
    (_, state, peerId, epoch, allowed) => {
      expect(mayInject(state, peerId, epoch)).toBe(allowed);
    },
  );

  it('refuses input stamped with the grant before, once control passed to someone else', () => {
    const { state } = controlTransition(holder, events['allow Ann for the tab']);
    expect(mayInject(state, 'bob', 5)).toBe(false);
    expect(mayInject(state, 'ann', 5)).toBe(false);
    expect(mayInject(state, 'ann', 6)).toBe(false);
    expect(mayInject(state, 'ann', 7)).toBe(true);
  });

  it('refuses input from a guest granted again with the epoch of their earlier grant', () => {
    let state: ControlState = NO_CONTROL;
    for (const event of [
      request('ann'),
      events['allow Ann for the tab'],
      events['release by Ann'],
      request('ann'),
      events['allow Ann for the tab'],
    ] as ControlEvent[]) {
      state = controlTransition(state, event).state;
    }
    expect(state.epoch).toBe(3);
    expect(mayInject(state, 'ann', 1)).toBe(false);
    expect(mayInject(state, 'ann', 3)).toBe(true);
  });
});

describe('on any sequence of events', () => {
  const PEERS = ['ann', 'bob', 'cy', 'dan'];
  const STEPS = 5_000;
  const SEED = 0xc0_17_01;

  function randomEvent(random: () => number): ControlEvent {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const peerId = pick(PEERS);
    return pick<ControlEvent>([
      request(peerId),
      request(peerId),
      { type: 'allow', peerId, scope: pick(['tab', 'desktop'] as const), now: 1 },
      { type: 'allow', peerId, scope: 'tab', now: 2 },
      { type: 'deny', peerId },
      { type: 'release', peerId },
      { type: 'take-back' },
      { type: 'guest-left', peerId },
      { type: 'executor-lost' },
      { type: 'session-ended' },
    ]);
  }

  /** Runs the machine on random events, checking `check` after each step. */
  function walk(
    check: (before: ControlState, after: ControlState, effects: ControlEffect[]) => void,
  ) {
    const random = seededRandom(SEED);
    let state: ControlState = NO_CONTROL;
    for (let step = 0; step < STEPS; step++) {
      const { state: next, effects } = controlTransition(state, randomEvent(random));
      check(state, next, effects);
      state = next;
    }
  }

  it('never lowers the epoch, and raises it by one for each grant and each revoke', () => {
    let raised = 0;
    walk((before, after, effects) => {
      const changes = effects.filter(
        (e) => e.type === 'notify' && (e.notice.type === 'granted' || e.notice.type === 'revoked'),
      ).length;
      expect(after.epoch).toBe(before.epoch + changes);
      if (changes > 0) raised++;
    });
    expect(raised).toBeGreaterThan(STEPS / 20);
  });

  it('has one holder at most, the one the notices say holds control', () => {
    // What the guests believe, from their notices alone.
    const believes = new Map<string, number>();
    walk((_, after, effects) => {
      for (const effect of effects) {
        if (effect.type !== 'notify') continue;
        if (effect.notice.type === 'granted') believes.set(effect.peerId, effect.notice.epoch);
        if (effect.notice.type === 'revoked') {
          expect(believes.has(effect.peerId)).toBe(true);
          believes.delete(effect.peerId);
        }
      }
      expect(believes.size).toBeLessThanOrEqual(1);
      const [holder] = [...believes.keys()];
      expect(after.holder?.peerId).toBe(holder);
      if (holder) expect(believes.get(holder)).toBe(after.epoch);
    });
  });

  it('never grants before revoking the holder it replaces', () => {
    walk((before, _, effects) => {
      const types = effects.map((e) => e.type);
      if (before.holder && types.includes('attach')) {
        expect(types.indexOf('detach')).toBeGreaterThanOrEqual(0);
        expect(types.indexOf('detach')).toBeLessThan(types.indexOf('attach'));
      }
    });
  });

  it('attaches the executor only when detached and detaches it only when attached', () => {
    let attached = false;
    walk((_, after, effects) => {
      for (const effect of effects) {
        if (effect.type === 'attach') {
          expect(attached).toBe(false);
          attached = true;
        }
        if (effect.type === 'detach') {
          expect(attached).toBe(true);
          attached = false;
        }
      }
      expect(attached).toBe(after.holder !== null);
    });
  });

  it('keeps each guest in the queue once at most, and never the holder', () => {
    walk((_, after) => {
      const ids = after.requests.map((r) => r.peerId);
      expect(new Set(ids).size).toBe(ids.length);
      if (after.holder) expect(ids).not.toContain(after.holder.peerId);
    });
  });

  it('writes one audit entry for every notice but a queue move, of the matching kind and epoch', () => {
    const kinds = { queued: 'requested', granted: 'granted', revoked: 'revoked', denied: 'denied' };
    walk((_, __, effects) => {
      const asked = new Set(
        effects.flatMap((e) =>
          e.type === 'audit' && e.entry.type === 'requested' ? [e.entry.peerId] : [],
        ),
      );
      // A new place in the queue is news to the guest, not an event for the audit log.
      const notices = effects.flatMap((e) =>
        e.type === 'notify' && (e.notice.type !== 'queued' || asked.has(e.peerId)) ? [e] : [],
      );
      const audits = effects.flatMap((e) => (e.type === 'audit' ? [e.entry] : []));
      expect(audits.map((a) => [a.type, a.peerId])).toEqual(
        notices.map((n) => [kinds[n.notice.type], n.peerId]),
      );
      for (const [i, n] of notices.entries()) {
        if ('epoch' in n.notice) expect(audits[i]?.epoch).toBe(n.notice.epoch);
      }
    });
  });

  it('lets only the holder inject, and only with the current epoch', () => {
    walk((_, after) => {
      for (const peerId of PEERS) {
        for (const epoch of [after.epoch - 1, after.epoch, after.epoch + 1]) {
          const expected = after.holder?.peerId === peerId && epoch === after.epoch;
          expect(mayInject(after, peerId, epoch)).toBe(expected);
        }
      }
    });
  });
});
