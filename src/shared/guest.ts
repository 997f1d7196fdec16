import { assertNever } from './errors.js';
import type { DenyReason, SharerMessage, ViewerMessage } from './wire.js';

/**
 * One guest's connection as the sharer sees it. Media flows only in `watching`, which a guest
 * reaches only with a valid proof of the key, then its Join (with a name), then the sharer's
 * admission (or the sharer's standing "admit everyone"). The proof comes first, while the guest
 * is still typing its name: Join then costs one message, not a connection. Pure: the media host
 * performs the effects.
 */
export type GuestState =
  | { kind: 'awaiting-hello' }
  /** `nonce` is ours, for the guest's proof; `guestNonce` the guest's, for ours. */
  | { kind: 'challenged'; client: string; nonce: string; guestNonce: string }
  | { kind: 'verifying'; client: string; nonce: string; guestNonce: string }
  /** The key is proved; the guest has not pressed Join. Not shown to the sharer: no name yet. */
  | { kind: 'proved'; client: string }
  | { kind: 'admitting'; name: string; client: string }
  | { kind: 'waiting'; name: string; client: string }
  | { kind: 'watching'; name: string; client: string }
  /**
   * Was watching, then fell silent (issue #6): this connection is closed, but the seat shows as
   * reconnecting until the guest is back on another connection (`superseded`) or the grace
   * period is over (`gave-up`).
   */
  | { kind: 'dropped'; name: string; client: string }
  | { kind: 'closed'; name: string | null; client: string | null; why: CloseReason };

/**
 * Why a guest's connection closed. `unreachable`: it never got through — the networks between
 * block a direct connection and no relay (TURN) carried it; nothing can be said to it.
 */
export type CloseReason = DenyReason | 'left' | 'timeout' | 'ended' | 'unreachable';

/**
 * What the host found in a proof: `valid`; `invalid` a wrong key; `security` the two sides see
 * different DTLS fingerprints (a man in the middle); `busy` not even checked (too many attempts).
 */
export type ProofVerdict = 'valid' | 'invalid' | 'security' | 'busy';

/**
 * At Join: straight in (admit everyone, or a rejoin), `ask` the sharer, or `full`; `old-key`
 * when the sharer made a new link between the proof and Join (the old link no longer works).
 */
export type Admission = 'admit' | 'ask' | 'full' | 'old-key';

export type GuestEvent =
  | { type: 'message'; message: ViewerMessage; freshNonce: string }
  /** With a valid verdict, the host's own proof over the guest's nonce (proof.ts). */
  | { type: 'proof-checked'; verdict: ProofVerdict; hostProof: string | null }
  | { type: 'admission-checked'; admission: Admission }
  | { type: 'decision'; decision: 'admit' | 'deny' | 'remove'; full: boolean }
  | { type: 'invalid-message'; count: number }
  /** A message of another wire version: that guest's page and this extension cannot talk. */
  | { type: 'version-mismatch' }
  | { type: 'handshake-timeout' }
  /** A proved guest that never pressed Join gives its place back (join-ahead). */
  | { type: 'join-timeout' }
  | { type: 'heartbeat-timeout' }
  /** A dropped guest will not come back on this link any more (its grace period is over). */
  | { type: 'gave-up' }
  /** The same guest is back on a new connection: this one makes way, whatever it was doing. */
  | { type: 'superseded' }
  /**
   * The picture would not ride the proved transport (a section split off it, a certificate
   * other than the proved one): a man in the middle, whatever the proof said.
   */
  | { type: 'transport-refused' }
  /** ICE found no path (or none before the handshake deadline): the channel never opened. */
  | { type: 'ice-failed' }
  | { type: 'session-ended' };

export type GuestEffect =
  | { type: 'send'; message: SharerMessage }
  /** Check the guest's proof over `nonce`; if it holds, prove the key over `guestNonce` too. */
  | {
      type: 'verify';
      nonce: string;
      guestNonce: string;
      proof: Extract<ViewerMessage, { type: 'proof' }>;
    }
  /** The guest pressed Join: decide (policy, rejoin proof from the verified proof). */
  | { type: 'admission'; client: string }
  /** A control request, release or input event from a watching guest, for the control machine. */
  | { type: 'control'; message: ControlMessage }
  | { type: 'start-media' }
  | { type: 'stop-media' }
  | { type: 'close' }
  | { type: 'warn'; message: string };

export type ControlMessage = Extract<
  ViewerMessage,
  { type: 'control/request' | 'control/release' | 'input' | 'pointer' | 'pointer/hide' }
>;

export interface GuestTransition {
  state: GuestState;
  effects: GuestEffect[];
}

/** Malformed messages a connected peer may send before it is dropped. */
export const INVALID_MESSAGE_LIMIT = 20;

const send = (message: SharerMessage): GuestEffect => ({ type: 'send', message });
const warn = (state: GuestState, message: string): GuestTransition => ({
  state,
  effects: [{ type: 'warn', message }],
});

function identity(state: GuestState): { name: string | null; client: string | null } {
  return {
    name: 'name' in state ? state.name : null,
    client: 'client' in state ? state.client : null,
  };
}

function closeWith(state: GuestState, why: CloseReason): GuestTransition {
  const effects: GuestEffect[] = [];
  if (why === 'ended') effects.push(send({ v: 2, type: 'bye', reason: 'ended' }));
  else if (why !== 'left' && why !== 'timeout' && why !== 'unreachable') {
    effects.push(send({ v: 2, type: 'denied', reason: why }));
  }
  if (state.kind === 'watching') effects.push({ type: 'stop-media' });
  effects.push({ type: 'close' });
  return { state: { kind: 'closed', ...identity(state), why }, effects };
}

function admit(state: { name: string; client: string }): GuestTransition {
  return {
    state: { kind: 'watching', name: state.name, client: state.client },
    effects: [send({ v: 2, type: 'admitted' }), { type: 'start-media' }],
  };
}

function onMessage(state: GuestState, message: ViewerMessage, freshNonce: string): GuestTransition {
  switch (message.type) {
    case 'ping':
      return { state, effects: [send({ v: 2, type: 'pong', t: message.t })] };
    case 'pong':
      return { state, effects: [] };
    case 'bye':
      return closeWith(state, 'left');
    case 'hello':
      if (state.kind !== 'awaiting-hello') break;
      return {
        state: {
          kind: 'challenged',
          client: message.client,
          nonce: freshNonce,
          guestNonce: message.nonce,
        },
        effects: [send({ v: 2, type: 'challenge', nonce: freshNonce })],
      };
    case 'proof':
      if (state.kind !== 'challenged') break;
      return {
        state: { ...state, kind: 'verifying' },
        effects: [
          { type: 'verify', nonce: state.nonce, guestNonce: state.guestNonce, proof: message },
        ],
      };
    case 'join':
      if (state.kind !== 'proved') break;
      return {
        state: { kind: 'admitting', name: message.name, client: state.client },
        effects: [{ type: 'admission', client: state.client }],
      };
    case 'control/request':
    case 'control/release':
    case 'input':
    case 'pointer':
    case 'pointer/hide':
      // Only a guest who is watching may ask for control or send input.
      if (state.kind !== 'watching') break;
      return { state, effects: [{ type: 'control', message }] };
    default:
      return assertNever(message);
  }
  return warn(state, `${message.type} while ${state.kind}`);
}

function onVerdict(
  state: GuestState,
  verdict: ProofVerdict,
  hostProof: string | null,
): GuestTransition {
  if (state.kind !== 'verifying') return warn(state, `proof verdict while ${state.kind}`);
  switch (verdict) {
    case 'invalid':
      return closeWith(state, 'invalid-link');
    case 'security':
    case 'busy':
      return closeWith(state, verdict);
    case 'valid':
      // The guest trusts nothing of ours before our own proof: without one, no `proved`.
      if (hostProof === null) return closeWith(state, 'security');
      return {
        state: { kind: 'proved', client: state.client },
        effects: [send({ v: 2, type: 'proved', proof: hostProof })],
      };
    default:
      return assertNever(verdict);
  }
}

function onAdmission(state: GuestState, admission: Admission): GuestTransition {
  if (state.kind !== 'admitting') return warn(state, `admission while ${state.kind}`);
  switch (admission) {
    case 'old-key':
      return closeWith(state, 'invalid-link');
    case 'full':
      return closeWith(state, 'full');
    case 'admit':
      return admit(state);
    case 'ask':
      return {
        state: { kind: 'waiting', name: state.name, client: state.client },
        effects: [send({ v: 2, type: 'waiting' })],
      };
    default:
      return assertNever(admission);
  }
}

function onDecision(state: GuestState, decision: 'admit' | 'deny' | 'remove', full: boolean) {
  if (decision === 'remove' && (state.kind === 'watching' || state.kind === 'waiting')) {
    return closeWith(state, 'removed');
  }
  if (state.kind !== 'waiting') return warn(state, `${decision} while ${state.kind}`);
  if (decision === 'deny') return closeWith(state, 'declined');
  return full ? closeWith(state, 'full') : admit(state);
}

/** A dropped guest waits only to be given up on or replaced; everything else is over. */
function whileDropped(
  state: Extract<GuestState, { kind: 'dropped' }>,
  event: GuestEvent,
): GuestTransition {
  if (event.type !== 'gave-up' && event.type !== 'superseded') return { state, effects: [] };
  return { state: { kind: 'closed', ...identity(state), why: 'timeout' }, effects: [] };
}

export function guestTransition(state: GuestState, event: GuestEvent): GuestTransition {
  if (state.kind === 'closed') return { state, effects: [] };
  if (state.kind === 'dropped') return whileDropped(state, event);
  switch (event.type) {
    case 'message':
      return onMessage(state, event.message, event.freshNonce);
    case 'proof-checked':
      return onVerdict(state, event.verdict, event.hostProof);
    case 'admission-checked':
      return onAdmission(state, event.admission);
    case 'decision':
      return onDecision(state, event.decision, event.full);
    case 'invalid-message':
      if (event.count < INVALID_MESSAGE_LIMIT) return { state, effects: [] };
      return closeWith(state, 'security');
    case 'handshake-timeout':
      // Only the machine's own steps have a deadline; waiting for the sharer, or for the guest
      // to press Join, does not (the latter has join-timeout).
      return state.kind === 'watching' || state.kind === 'waiting' || state.kind === 'proved'
        ? { state, effects: [] }
        : closeWith(state, 'timeout');
    case 'join-timeout':
      return state.kind === 'proved' ? closeWith(state, 'timeout') : { state, effects: [] };
    case 'heartbeat-timeout':
      if (state.kind === 'watching') {
        // Its seat waits: a guest whose network blipped comes back with its rejoin token.
        return {
          state: { kind: 'dropped', name: state.name, client: state.client },
          effects: [{ type: 'stop-media' }, { type: 'close' }],
        };
      }
      return closeWith(state, 'timeout');
    case 'gave-up':
      return { state, effects: [] };
    case 'superseded':
      return closeWith(state, 'timeout');
    case 'transport-refused':
      return closeWith(state, 'security');
    case 'version-mismatch':
      return closeWith(state, 'version');
    case 'ice-failed':
      // Only a connection that never got through: one that did and then fell silent is a
      // heartbeat timeout (it may reconnect), not this.
      return state.kind === 'awaiting-hello'
        ? closeWith(state, 'unreachable')
        : { state, effects: [] };
    case 'session-ended':
      return closeWith(state, 'ended');
    default:
      return assertNever(event);
  }
}
