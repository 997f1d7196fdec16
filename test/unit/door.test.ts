import { describe, expect, it } from 'vitest';
import {
  Door,
  FAILURES_PER_SOURCE,
  OFFER_RULE,
  OFFER_RULE_PER_SOURCE,
  oldestInFlight,
  PROOF_RULE,
  SOURCES_REMEMBERED,
} from '../../src/shared/door.js';

const offer = (src: string, type = 'data') => ({
  type: 'OFFER',
  src,
  payload: { type, connectionId: `dc_${src}` },
});
const candidate = (src: string) => ({
  type: 'CANDIDATE',
  src,
  payload: { type: 'data', connectionId: 'dc_x' },
});

describe('Door.signal', () => {
  it('lets an honest guest’s offer, and its candidates, through', () => {
    const door = new Door(0);
    expect(door.signal(offer('guest-a'), false, 0)).toBe('pass');
    expect(door.signal(candidate('guest-a'), true, 0)).toBe('pass');
  });

  it('drops every call before PeerJS builds a connection for it', () => {
    const door = new Door(0);
    expect(door.signal(offer('guest-a', 'media'), false, 0)).toBe('drop-call');
    expect(door.signal(offer('guest-a', 'anything'), false, 0)).toBe('drop-call');
  });

  it('drops candidates and answers for connections that do not exist (no lost-message pile)', () => {
    const door = new Door(0);
    expect(door.signal(candidate('guest-a'), false, 0)).toBe('drop-stray');
    expect(door.signal({ ...candidate('guest-a'), type: 'ANSWER' }, false, 0)).toBe('drop-stray');
  });

  it('passes what is not about a connection (open, leave, expire…)', () => {
    const door = new Door(0);
    for (const type of ['OPEN', 'LEAVE', 'EXPIRE', 'ERROR', 'ID-TAKEN']) {
      expect(door.signal({ type, src: 'x' }, false, 0)).toBe('pass');
    }
  });

  it(`lets one source make ${OFFER_RULE_PER_SOURCE.capacity} offers at once, then one per 10 s`, () => {
    const door = new Door(0);
    for (let i = 0; i < OFFER_RULE_PER_SOURCE.capacity; i++) {
      expect(door.signal(offer('guest-a'), false, 0)).toBe('pass');
    }
    expect(door.signal(offer('guest-a'), false, 0)).toBe('drop-source');
    // Another source is not held back by the first.
    expect(door.signal(offer('guest-b'), false, 0)).toBe('pass');
    expect(door.signal(offer('guest-a'), false, 10_000)).toBe('pass');
  });

  it(`keeps everyone together to ${OFFER_RULE.perSecond} offers a second after a burst of ${OFFER_RULE.capacity}`, () => {
    const door = new Door(0);
    const verdicts = Array.from({ length: OFFER_RULE.capacity + 5 }, (_, i) =>
      door.signal(offer(`guest-${i}`), false, 0),
    );
    expect(verdicts.filter((v) => v === 'pass')).toHaveLength(OFFER_RULE.capacity);
    expect(verdicts.at(-1)).toBe('drop-busy');
    expect(door.signal(offer('guest-late'), false, 1_000)).toBe('pass');
  });

  it(`drops the offers of a source that failed ${FAILURES_PER_SOURCE} times`, () => {
    const door = new Door(0);
    for (let i = 0; i < FAILURES_PER_SOURCE; i++) door.failed('guest-a', 0);
    expect(door.blocked('guest-a')).toBe(true);
    expect(door.signal(offer('guest-a'), false, 60_000)).toBe('drop-source');
    expect(door.signal(offer('guest-b'), false, 60_000)).toBe('pass');
  });
});

describe('Door.allowProofAttempt', () => {
  it(`allows a burst of ${PROOF_RULE.capacity}, then one every 2 s`, () => {
    const door = new Door(0);
    const allowed = Array.from({ length: PROOF_RULE.capacity + 1 }, (_, i) =>
      door.allowProofAttempt(`guest-${i}`, 0),
    );
    expect(allowed.filter(Boolean)).toHaveLength(PROOF_RULE.capacity);
    expect(door.allowProofAttempt('guest-x', 2_000)).toBe(true);
  });

  it('refuses a blocked source without spending a token', () => {
    const door = new Door(0);
    for (let i = 0; i < FAILURES_PER_SOURCE; i++) door.failed('guest-a', 0);
    expect(door.allowProofAttempt('guest-a', 0)).toBe(false);
    for (let i = 0; i < PROOF_RULE.capacity; i++) {
      expect(door.allowProofAttempt(`guest-${i}`, 0)).toBe(true);
    }
  });
});

describe('Door memory', () => {
  it(`remembers at most ${SOURCES_REMEMBERED} sources, forgetting the stalest first`, () => {
    const door = new Door(0);
    door.failed('first', 0);
    door.failed('first', 0);
    door.failed('first', 0);
    for (let i = 0; i < SOURCES_REMEMBERED * 3; i++) door.signal(offer(`flood-${i}`), false, i);
    expect(door.remembered).toBe(SOURCES_REMEMBERED);
    // An attacker-chosen id cannot grow the map; the price is that an old failure is forgotten.
    expect(door.blocked('first')).toBe(false);
  });

  it('keeps a source that is still active, and forgets idle ones first', () => {
    const door = new Door(0);
    for (let i = 0; i < FAILURES_PER_SOURCE; i++) door.failed('active', 0);
    for (let i = 0; i < SOURCES_REMEMBERED * 2; i++) {
      door.signal(offer(`flood-${i}`), false, i);
      if (i % 100 === 0) door.signal(offer('active'), false, i);
    }
    expect(door.blocked('active')).toBe(true);
  });
});

describe('oldestInFlight', () => {
  it('picks the handshake that started longest ago', () => {
    const entries = [{ startedAt: 30 }, { startedAt: 10 }, { startedAt: 20 }];
    expect(oldestInFlight(entries)).toBe(entries[1]);
  });

  it('is null when nothing is in flight', () => {
    expect(oldestInFlight([])).toBeNull();
  });
});
