import { describe, expect, it } from 'vitest';
import type { SharerMessage } from '../../src/shared/wire.js';
import {
  hostHasDecided,
  type ViewerEffect,
  type ViewerError,
  type ViewerEvent,
  type ViewerState,
  viewerTransition,
} from '../../src/viewer/machine.js';

const message = (m: SharerMessage): ViewerEvent => ({ type: 'message', message: m });
const challenge = message({ v: 2, type: 'challenge', nonce: 'n-1' });
const proved = message({ v: 2, type: 'proved', proof: 'host-proof' });
const hostProved: ViewerEvent = { type: 'host-checked', proved: true };
const admitted = message({ v: 2, type: 'admitted' });
const waiting = message({ v: 2, type: 'waiting' });
const join: ViewerEvent = { type: 'join', name: 'Ann' };

const connecting: ViewerState = { kind: 'connecting', step: 'host' };
const awaitingChallenge: ViewerState = { kind: 'checking', step: 'challenge' };
const checkingHost: ViewerState = { kind: 'checking', step: 'host' };
const proofSent: ViewerState = { kind: 'checking', step: 'proof' };
const ready: ViewerState = { kind: 'ready' };
const joinSent: ViewerState = { kind: 'checking', step: 'admission' };

const types = (effects: ViewerEffect[]) => effects.map((effect) => effect.type);

/** The event does not fit `state`: the very same state, and only a warning. */
function expectIgnored(state: ViewerState, event: ViewerEvent): void {
  const result = viewerTransition(state, event);
  expect(result.state).toBe(state);
  expect(types(result.effects)).toEqual(['warn']);
}

function run(start: ViewerState, events: ViewerEvent[]) {
  let state = start;
  const effects: ViewerEffect[] = [];
  for (const event of events) {
    const next = viewerTransition(state, event);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}

describe('the way in, with the key proved ahead of Join', () => {
  it('says hello, proves the key, checks the host’s proof, then waits ready without joining', () => {
    const { state, effects } = run(connecting, [
      { type: 'channel-open' },
      challenge,
      proved,
      hostProved,
    ]);
    expect(state).toEqual(ready);
    expect(types(effects)).toEqual(['hello', 'prove', 'check-host', 'ready']);
    expect(effects[1]).toEqual({ type: 'prove', nonce: 'n-1' });
    expect(effects[2]).toEqual({ type: 'check-host', proof: 'host-proof' });
  });

  // Issue #14, finding 4: an impostor cannot prove the key, and gets nothing of ours.
  it('refuses a host that cannot prove the key: "not the host", no proof of ours, shut down', () => {
    const result = viewerTransition(checkingHost, { type: 'host-checked', proved: false });
    expect(result.state).toEqual({ kind: 'error', reason: 'not-host', detail: null });
    expect(types(result.effects)).toEqual(['shutdown']);
  });

  it.each([awaitingChallenge, proofSent, ready, joinSent])(
    'takes the host’s verdict only while checking it, not in %j',
    (state) => expectIgnored(state, hostProved),
  );

  it('says which side must update when the wire versions differ', () => {
    expect(viewerTransition(ready, { type: 'version-mismatch', theirs: 1 }).state).toEqual({
      kind: 'error',
      reason: 'host-outdated',
      detail: null,
    });
    expect(viewerTransition(ready, { type: 'version-mismatch', theirs: 3 }).state).toEqual({
      kind: 'error',
      reason: 'viewer-outdated',
      detail: null,
    });
  });

  it('sends the name only at Join, once the key is proved', () => {
    expect(viewerTransition(ready, join)).toEqual({
      state: joinSent,
      effects: [{ type: 'send', message: { v: 2, type: 'join', name: 'Ann' } }],
    });
  });

  it('runs Join → admitted → picture → first frame → live', () => {
    const stream = {} as MediaStream;
    const { state } = run(ready, [
      join,
      admitted,
      { type: 'stream', stream },
      { type: 'first-frame', stream },
    ]);
    expect(state).toEqual({ kind: 'live', surface: null, stream });
  });

  it('goes pending when the sharer must decide, and in when admitted', () => {
    const { state } = run(ready, [join, waiting, admitted]);
    expect(state).toEqual({ kind: 'waiting', surface: null, stream: null });
  });

  it.each([connecting, awaitingChallenge, proofSent, joinSent])(
    'does not send a join from %j (the session keeps the name until ready)',
    (state) => expectIgnored(state, join),
  );

  it.each([checkingHost, proofSent, ready, joinSent])(
    'does not prove twice: a challenge in %j is ignored',
    (state) => expectIgnored(state, challenge),
  );

  it.each([awaitingChallenge, checkingHost, ready, joinSent])(
    'takes `proved` only as the answer to a proof, not in %j',
    (state) => expectIgnored(state, proved),
  );

  it.each([awaitingChallenge, proofSent, ready])(
    'is not admitted, nor told to wait, before it has joined (%j)',
    (state) => {
      for (const event of [admitted, waiting]) expectIgnored(state, event);
    },
  );

  it('shows no picture to a guest that has not joined', () => {
    const result = viewerTransition(ready, { type: 'stream', stream: {} as MediaStream });
    expect(result.state).toBe(ready);
  });

  it('fails, and shuts down, when the host goes away while the guest is still typing', () => {
    for (const event of [
      { type: 'channel-closed' },
      { type: 'host-silent', reconnect: true },
      { type: 'peer-error', errorType: 'network', detail: 'lost' },
    ] as ViewerEvent[]) {
      const result = viewerTransition(ready, event);
      expect(result.state.kind).toBe('error');
      expect(types(result.effects)).toEqual(['shutdown']);
    }
  });

  it('takes a denial at any step, before Join too', () => {
    const denied = message({ v: 2, type: 'denied', reason: 'invalid-link' });
    for (const state of [proofSent, ready, joinSent]) {
      expect(viewerTransition(state, denied).state.kind).toBe('error');
    }
  });

  it('refuses a tampered connection at once, with the security message, and shuts down', () => {
    for (const state of [proofSent, ready, joinSent]) {
      const result = viewerTransition(state, { type: 'tampered' });
      expect(result.state).toEqual({ kind: 'error', reason: 'security', detail: null });
      expect(types(result.effects)).toEqual(['shutdown']);
    }
  });

  it('keeps an ended session ended when a late check finds tampering', () => {
    const ended: ViewerState = { kind: 'ended', lost: false };
    expect(viewerTransition(ended, { type: 'tampered' }).state).toBe(ended);
  });
});

describe('hostHasDecided', () => {
  const error = (reason: ViewerError): ViewerState => ({ kind: 'error', reason, detail: null });

  it.each([
    'invalid-link',
    'declined',
    'full',
    'removed',
    'security',
    'not-host',
    'host-outdated',
    'viewer-outdated',
  ] as const)('holds for %s: another attempt would only hear it again', (reason) => {
    expect(hostHasDecided(error(reason))).toBe(true);
  });

  it.each(['busy', 'host-unreachable', 'host-closed', 'signalling-unreachable', 'failed'] as const)(
    'does not hold for %s: the network or a moment, not the host',
    (reason) => {
      expect(hostHasDecided(error(reason))).toBe(false);
    },
  );

  it('holds once the host ended the share, and not before anything is decided', () => {
    expect(hostHasDecided({ kind: 'ended', lost: false })).toBe(true);
    expect(hostHasDecided(ready)).toBe(false);
  });
});

describe('a host that answers but no path gets through (issue #12)', () => {
  it('says the networks block a direct connection, with the relay’s problem if any', () => {
    const result = viewerTransition(connecting, { type: 'no-path', detail: 'refused' });
    expect(result.state).toEqual({ kind: 'error', reason: 'network-blocked', detail: 'refused' });
    expect(types(result.effects)).toEqual(['shutdown']);
  });

  it('is not said once the channel is open (a drop later is a reconnect)', () => {
    expect(viewerTransition(ready, { type: 'no-path', detail: null }).state).toBe(ready);
  });

  it('is not a decision of the host: Join tries again', () => {
    expect(
      hostHasDecided({ kind: 'error', reason: 'network-blocked', detail: null } as ViewerState),
    ).toBe(false);
  });
});
