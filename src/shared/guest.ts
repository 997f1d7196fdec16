import { assertNever } from './errors.js';
import type { DenyReason, SharerMessage, ViewerMessage } from './wire.js';

/**
 * One guest's connection as the sharer sees it. The guest gets no frame until a valid proof of
 * the key: only the `watching` state carries media. Pure: the media host performs the effects.
 */
export type GuestState =
  | { kind: 'awaiting-hello' }
  | { kind: 'challenged'; name: string; nonce: string }
  | { kind: 'verifying'; name: string; nonce: string }
  | { kind: 'watching'; name: string }
  | { kind: 'closed'; name: string | null; why: DenyReason | 'left' | 'timeout' | 'ended' };

export type GuestEvent =
  | { type: 'message'; message: ViewerMessage; freshNonce: string }
  | { type: 'proof-checked'; valid: boolean }
  | { type: 'invalid-message'; count: number }
  | { type: 'handshake-timeout' }
  | { type: 'heartbeat-timeout' }
  | { type: 'session-ended' };

export type GuestEffect =
  | { type: 'send'; message: SharerMessage }
  | { type: 'verify'; nonce: string; mac: string }
  | { type: 'start-media' }
  | { type: 'close' }
  | { type: 'warn'; message: string };

export interface GuestTransition {
  state: GuestState;
  effects: GuestEffect[];
}

/** Malformed messages a connected peer may send before it is dropped. */
export const INVALID_MESSAGE_LIMIT = 20;

const send = (message: SharerMessage): GuestEffect => ({ type: 'send', message });

function nameOf(state: GuestState): string | null {
  return 'name' in state ? state.name : null;
}

function closeWith(state: GuestState, why: Extract<GuestState, { kind: 'closed' }>['why']) {
  const effects: GuestEffect[] = [];
  if (why === 'ended') effects.push(send({ v: 1, type: 'bye', reason: 'ended' }));
  else if (why !== 'left' && why !== 'timeout') {
    effects.push(send({ v: 1, type: 'denied', reason: why }));
  }
  effects.push({ type: 'close' });
  return { state: { kind: 'closed', name: nameOf(state), why } as GuestState, effects };
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
        state: { kind: 'challenged', name: message.name, nonce: freshNonce },
        effects: [send({ v: 1, type: 'challenge', nonce: freshNonce })],
      };
    case 'proof':
      if (state.kind !== 'challenged') break;
      return {
        state: { kind: 'verifying', name: state.name, nonce: state.nonce },
        effects: [{ type: 'verify', nonce: state.nonce, mac: message.mac }],
      };
    default:
      return assertNever(message);
  }
  return { state, effects: [{ type: 'warn', message: `${message.type} while ${state.kind}` }] };
}

export function guestTransition(state: GuestState, event: GuestEvent): GuestTransition {
  if (state.kind === 'closed') return { state, effects: [] };
  switch (event.type) {
    case 'message':
      return onMessage(state, event.message, event.freshNonce);
    case 'proof-checked':
      if (state.kind !== 'verifying') return { state, effects: [] };
      if (!event.valid) return closeWith(state, 'invalid-link');
      return {
        state: { kind: 'watching', name: state.name },
        effects: [send({ v: 1, type: 'admitted' }), { type: 'start-media' }],
      };
    case 'invalid-message':
      if (event.count < INVALID_MESSAGE_LIMIT) return { state, effects: [] };
      return closeWith(state, 'security');
    case 'handshake-timeout':
      return state.kind === 'watching' ? { state, effects: [] } : closeWith(state, 'timeout');
    case 'heartbeat-timeout':
      return closeWith(state, 'timeout');
    case 'session-ended':
      return closeWith(state, 'ended');
    default:
      return assertNever(event);
  }
}
