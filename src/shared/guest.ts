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
  | { kind: 'challenged'; client: string; nonce: string }
  | { kind: 'verifying'; client: string; nonce: string }
  /** The key is proved; the guest has not pressed Join. Not shown to the sharer: no name yet. */
  | { kind: 'proved'; client: string }
  | { kind: 'admitting'; name: string; client: string }
  | { kind: 'waiting'; name: string; client: string }
  | { kind: 'watching'; name: string; client: string }
  | { kind: 'closed'; name: string | null; client: string | null; why: CloseReason };

export type CloseReason = DenyReason | 'left' | 'timeout' | 'ended';

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
  | { type: 'proof-checked'; verdict: ProofVerdict }
  | { type: 'admission-checked'; admission: Admission }
  | { type: 'decision'; decision: 'admit' | 'deny' | 'remove'; full: boolean }
  | { type: 'invalid-message'; count: number }
  | { type: 'handshake-timeout' }
  /** A proved guest that never pressed Join gives its place back (join-ahead). */
  | { type: 'join-timeout' }
  | { type: 'heartbeat-timeout' }
  /**
   * The picture would not ride the proved transport (a section split off it, a certificate
   * other than the proved one): a man in the middle, whatever the proof said.
   */
  | { type: 'transport-refused' }
  | { type: 'session-ended' };

export type GuestEffect =
  | { type: 'send'; message: SharerMessage }
  | { type: 'verify'; nonce: string; proof: Extract<ViewerMessage, { type: 'proof' }> }
  /** The guest pressed Join: decide (policy, rejoin proof from the verified proof). */
  | { type: 'admission'; client: string }
  /** A control request, release or input event from a watching guest, for the control machine. */
  | { type: 'control'; message: ControlMessage }
  | { type: 'start-media' }
  /** The guest's answer to the media offer, applied to the data connection's peer connection. */
  | { type: 'media-answer'; sdp: string }
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
  if (why === 'ended') effects.push(send({ v: 1, type: 'bye', reason: 'ended' }));
  else if (why !== 'left' && why !== 'timeout') {
    effects.push(send({ v: 1, type: 'denied', reason: why }));
  }
  if (state.kind === 'watching') effects.push({ type: 'stop-media' });
  effects.push({ type: 'close' });
  return { state: { kind: 'closed', ...identity(state), why }, effects };
}

function admit(state: { name: string; client: string }): GuestTransition {
  return {
    state: { kind: 'watching', name: state.name, client: state.client },
    effects: [send({ v: 1, type: 'admitted' }), { type: 'start-media' }],
  };
}

function onMessage(state: GuestState, message: ViewerMessage, freshNonce: string): GuestTransition {
  switch (message.type) {
    case 'ping':
      return { state, effects: [send({ v: 1, type: 'pong', t: message.t })] };
    case 'pong':
      return { state, effects: [] };
    case 'bye':
      return closeWith(state, 'left');
    case 'hello':
      if (state.kind !== 'awaiting-hello') break;
      return {
        state: { kind: 'challenged', client: message.client, nonce: freshNonce },
        effects: [send({ v: 1, type: 'challenge', nonce: freshNonce })],
      };
    case 'proof':
      if (state.kind !== 'challenged') break;
      return {
        state: { ...state, kind: 'verifying' },
        effects: [{ type: 'verify', nonce: state.nonce, proof: message }],
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
    case 'media/answer':
      // Media is offered only to a guest who is watching: any other answer is out of place.
      if (state.kind !== 'watching') break;
      return { state, effects: [{ type: 'media-answer', sdp: message.sdp }] };
    default:
      return assertNever(message);
  }
  return warn(state, `${message.type} while ${state.kind}`);
}

function onVerdict(state: GuestState, verdict: ProofVerdict): GuestTransition {
  if (state.kind !== 'verifying') return warn(state, `proof verdict while ${state.kind}`);
  switch (verdict) {
    case 'invalid':
      return closeWith(state, 'invalid-link');
    case 'security':
    case 'busy':
      return closeWith(state, verdict);
    case 'valid':
      return {
        state: { kind: 'proved', client: state.client },
        effects: [send({ v: 1, type: 'proved' })],
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
        effects: [send({ v: 1, type: 'waiting' })],
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

export function guestTransition(state: GuestState, event: GuestEvent): GuestTransition {
  if (state.kind === 'closed') return { state, effects: [] };
  switch (event.type) {
    case 'message':
      return onMessage(state, event.message, event.freshNonce);
    case 'proof-checked':
      return onVerdict(state, event.verdict);
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
      return closeWith(state, 'timeout');
    case 'transport-refused':
      return closeWith(state, 'security');
    case 'session-ended':
      return closeWith(state, 'ended');
    default:
      return assertNever(event);
  }
}
