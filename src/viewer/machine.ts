import { assertNever } from '../shared/errors.js';
import {
  type DenyReason,
  type SharerMessage,
  type ViewerMessage,
  WIRE_VERSION,
} from '../shared/wire.js';
import type { ControlMessage } from './control-machine.js';
import type { PointerMessage } from './laser.js';

export type Surface = Omit<Extract<SharerMessage, { type: 'surface' }>, 'v' | 'type'>;

/** The guest's whole connection as one union: no combination of flags can disagree. */
export type ViewerState =
  | { kind: 'idle' }
  | { kind: 'connecting'; step: 'signalling' | 'host' }
  /**
   * On the way in: `challenge` hello said, `proof` our key proof sent, `host` the host's proof
   * being checked, `admission` Join sent. The key is proved both ways before Join (join-ahead):
   * between the two the state is `ready`.
   */
  | { kind: 'checking'; step: 'challenge' | 'host' | 'proof' | 'admission' }
  /** The key is proved; nothing happens until the guest presses Join (the `join` event). */
  | { kind: 'ready' }
  /** The key is proved; the host has yet to let us in. No picture, no size, until they do. */
  | { kind: 'pending' }
  | { kind: 'waiting'; surface: Surface | null; stream: MediaStream | null }
  | { kind: 'live'; surface: Surface | null; stream: MediaStream }
  /** The host fell silent but may still be there (issue #6): the page joins again with the
   * rejoin token. Final for this session; the next one takes over. */
  | { kind: 'reconnecting' }
  | { kind: 'ended'; lost: boolean }
  /** Why, as a code (texts.ts has the words); `detail` is the browser's own, untranslated. */
  | { kind: 'error'; reason: ViewerError; detail: string | null };

/** Every way in which joining can fail, as the guest is told it. */
export type ViewerError =
  | DenyReason
  | 'signalling-unreachable'
  | 'signalling-refused'
  | 'host-unreachable'
  | 'host-closed'
  /** The host did not prove the link's key: whoever answered is not who made the link. */
  | 'not-host'
  /** The host answered, but the networks between block a direct connection and no relay helped. */
  | 'network-blocked'
  /** The host's extension speaks an older wire version than this page. */
  | 'host-outdated'
  /** This page speaks an older wire version than the host's extension. */
  | 'viewer-outdated'
  | 'no-webrtc'
  | 'insecure-page'
  | 'failed';

export type ViewerEvent =
  | { type: 'signalling-open' }
  | { type: 'channel-open' }
  /** The guest pressed Join (or came back with a name): sent once the key is proved. */
  | { type: 'join'; name: string }
  | { type: 'message'; message: SharerMessage }
  | { type: 'stream'; stream: MediaStream }
  | { type: 'first-frame'; stream: MediaStream }
  | { type: 'peer-error'; errorType: string; detail: string }
  | { type: 'timeout' }
  /**
   * The host answered but no path opened (ICE failed, or not by the deadline): the networks
   * between block a direct connection and no relay got through. `detail`: why the relay was
   * not there, if the server said.
   */
  | { type: 'no-path'; detail: string | null }
  | { type: 'fault'; detail: string }
  /** The host's proof of the key, over our nonce, was checked. */
  | { type: 'host-checked'; proved: boolean }
  /** A message of another wire version arrived: the two sides cannot talk. */
  | { type: 'version-mismatch'; theirs: number }
  /** The descriptions or transports show someone in the middle: refused before any proof. */
  | { type: 'tampered' }
  | { type: 'channel-closed' }
  /** The heartbeat ran out; the probe said whether the host may still be there (reconnect.ts). */
  | { type: 'host-silent'; reconnect: boolean };

export type ViewerEffect =
  | { type: 'hello' }
  /** Check the host's proof of the key over our nonce, before anything else is trusted. */
  | { type: 'check-host'; proof: string }
  /** The key is proved: the session joins at once if the guest already pressed Join. */
  | { type: 'ready' }
  | { type: 'prove'; nonce: string }
  | { type: 'send'; message: ViewerMessage }
  | { type: 'shutdown' }
  /** Remote control has a machine of its own (control-machine.ts); only an admitted guest's counts. */
  | { type: 'control'; message: ControlMessage }
  /** The laser pointer (laser.ts): whether guests may point, and where the others point. */
  | { type: 'pointer'; message: PointerMessage }
  /** Kept in this tab so a reload comes back in without a new admission (rejoin.ts). */
  | { type: 'rejoin-token'; token: string }
  /** New link: what this tab keeps for the share moves to its new peer id. */
  | { type: 'relinked'; peer: string }
  | { type: 'warn'; message: string };

export interface ViewerTransition {
  state: ViewerState;
  effects: ViewerEffect[];
}

export const isTerminal = (state: ViewerState) =>
  state.kind === 'ended' || state.kind === 'error' || state.kind === 'reconnecting';

/** Refusals another attempt would only hear again; `busy` is for now, not for good. */
const FINAL_ERRORS = new Set<ViewerError>([
  'invalid-link',
  'declined',
  'full',
  'removed',
  'security',
  'version',
  'not-host',
  'host-outdated',
  'viewer-outdated',
]);

/** Over because the host said so (or could not prove itself), not because of the network. */
export const hostHasDecided = (state: ViewerState) =>
  state.kind === 'ended' || (state.kind === 'error' && FINAL_ERRORS.has(state.reason));

const stay = (state: ViewerState, effects: ViewerEffect[] = []) => ({ state, effects });
const ignore = (state: ViewerState, what: string) =>
  stay(state, [{ type: 'warn', message: `${what} while ${state.kind}` }]);
const fail = (reason: ViewerError, detail: string | null = null): ViewerTransition => ({
  state: { kind: 'error', reason, detail },
  effects: [{ type: 'shutdown' }],
});
const end = (lost: boolean): ViewerTransition => ({
  state: { kind: 'ended', lost },
  effects: [{ type: 'shutdown' }],
});

const SIGNALLING_ERRORS = new Set(['network', 'server-error', 'socket-error', 'socket-closed']);

function onPeerError(state: ViewerState, errorType: string, detail: string): ViewerTransition {
  // Once the data channel is up, media and data flow peer to peer: losing the signalling server
  // then costs nothing, so only errors on the way in are fatal.
  if (state.kind !== 'connecting' && state.kind !== 'checking' && state.kind !== 'ready') {
    return ignore(state, `peer error ${errorType}`);
  }
  if (SIGNALLING_ERRORS.has(errorType)) return fail('signalling-unreachable', detail);
  if (errorType === 'peer-unavailable') return fail('host-unreachable');
  if (errorType === 'browser-incompatible') return fail('no-webrtc');
  if (errorType === 'invalid-key' || errorType === 'ssl-unavailable') {
    return fail('signalling-refused', detail);
  }
  return fail('failed', detail);
}

const joinSent = (state: ViewerState) => state.kind === 'checking' && state.step === 'admission';

function onMessage(state: ViewerState, message: SharerMessage): ViewerTransition {
  switch (message.type) {
    case 'ping':
      return stay(state, [{ type: 'send', message: { v: 2, type: 'pong', t: message.t } }]);
    case 'pong':
      return stay(state);
    case 'challenge':
      if (state.kind !== 'checking' || state.step !== 'challenge')
        return ignore(state, 'challenge');
      return stay({ kind: 'checking', step: 'proof' }, [{ type: 'prove', nonce: message.nonce }]);
    case 'proved':
      if (state.kind !== 'checking' || state.step !== 'proof') return ignore(state, 'proved');
      // The host proves the key too, before we join, show or send anything (mutual proof).
      return stay({ kind: 'checking', step: 'host' }, [
        { type: 'check-host', proof: message.proof },
      ]);
    case 'waiting':
      if (state.kind === 'pending') return stay(state);
      // Only an answer to our Join: a host that asks us to wait before we proved anything is wrong.
      if (!joinSent(state)) return ignore(state, 'waiting');
      return stay({ kind: 'pending' });
    case 'admitted':
      if (state.kind === 'waiting' || state.kind === 'live') return stay(state);
      if (!joinSent(state) && state.kind !== 'pending') return ignore(state, 'admitted');
      return stay({ kind: 'waiting', surface: null, stream: null });
    case 'denied':
      return fail(message.reason);
    case 'surface': {
      // Nothing about the shared screen is accepted before admission, not even its size.
      if (state.kind !== 'waiting' && state.kind !== 'live') return ignore(state, 'surface');
      const { width, height, kind } = message;
      return stay({ ...state, surface: { width, height, kind } });
    }
    case 'bye':
      return end(message.reason !== 'ended');
    case 'control/granted':
    case 'control/revoked':
    case 'control/denied':
    case 'control/queued':
      if (state.kind !== 'waiting' && state.kind !== 'live') return ignore(state, message.type);
      return stay(state, [{ type: 'control', message }]);
    case 'rejoin':
      if (state.kind !== 'waiting' && state.kind !== 'live') return ignore(state, message.type);
      return stay(state, [{ type: 'rejoin-token', token: message.token }]);
    case 'relinked':
      if (state.kind !== 'waiting' && state.kind !== 'live') return ignore(state, message.type);
      return stay(state, [{ type: 'relinked', peer: message.peer }]);
    case 'pointers':
    case 'pointer':
    case 'pointer/hide':
      // Like the picture: nothing of the other guests before admission.
      if (state.kind !== 'waiting' && state.kind !== 'live') return ignore(state, message.type);
      return stay(state, [{ type: 'pointer', message }]);
    default:
      return assertNever(message);
  }
}

/** The channel closed, or the host fell silent (the session's heartbeat says so). */
function onChannelClosed(state: ViewerState): ViewerTransition {
  switch (state.kind) {
    case 'idle':
    case 'connecting':
      return fail('host-unreachable');
    case 'checking':
    case 'ready':
      return fail('host-closed');
    // A host that decides sends `denied` or `bye` first: losing it while we wait for it means it
    // went away (crashed, closed, lost the network), not that it turned us down.
    case 'pending':
    case 'waiting':
    case 'live':
      return end(true);
    case 'ended':
    case 'error':
    case 'reconnecting':
      return stay(state);
    default:
      return assertNever(state);
  }
}

/** Silence from an admitted host: reconnect if it may still be there, else it has gone. */
function onHostSilent(state: ViewerState, reconnect: boolean): ViewerTransition {
  if (reconnect && (state.kind === 'waiting' || state.kind === 'live')) {
    return { state: { kind: 'reconnecting' }, effects: [{ type: 'shutdown' }] };
  }
  return onChannelClosed(state);
}

/** Pure: the session performs the effects. Terminal states swallow every later event. */
export function viewerTransition(state: ViewerState, event: ViewerEvent): ViewerTransition {
  if (isTerminal(state)) return stay(state);
  switch (event.type) {
    case 'signalling-open':
      if (state.kind !== 'connecting') return ignore(state, event.type);
      return stay({ kind: 'connecting', step: 'host' });
    case 'channel-open':
      if (state.kind !== 'connecting') return ignore(state, event.type);
      return stay({ kind: 'checking', step: 'challenge' }, [{ type: 'hello' }]);
    case 'join':
      if (state.kind !== 'ready') return ignore(state, event.type);
      return stay({ kind: 'checking', step: 'admission' }, [
        { type: 'send', message: { v: 2, type: 'join', name: event.name } },
      ]);
    case 'message':
      return onMessage(state, event.message);
    case 'stream':
      // The same stream is reported once per track.
      if ((state.kind === 'waiting' || state.kind === 'live') && state.stream === event.stream) {
        return stay(state);
      }
      // A picture only once admitted: the sharer attaches its tracks only after `admitted`, and
      // the session hands the stream over only then; before it, one is not ours to show.
      if (state.kind === 'waiting' || state.kind === 'live') {
        return stay({ kind: 'waiting', surface: state.surface, stream: event.stream });
      }
      return ignore(state, event.type);
    case 'first-frame':
      // Only a frame of the stream now on screen counts: an older call's frame may arrive late.
      if (state.kind !== 'waiting' || state.stream !== event.stream) return stay(state);
      return stay({ kind: 'live', surface: state.surface, stream: state.stream });
    case 'peer-error':
      return onPeerError(state, event.errorType, event.detail);
    case 'timeout':
      if (state.kind !== 'connecting') return stay(state);
      return fail(state.step === 'signalling' ? 'signalling-unreachable' : 'host-unreachable');
    case 'fault':
      return fail('failed', event.detail);
    case 'no-path':
      if (state.kind !== 'connecting') return stay(state);
      return fail('network-blocked', event.detail);
    case 'tampered':
      return fail('security');
    case 'host-checked':
      if (state.kind !== 'checking' || state.step !== 'host') return ignore(state, event.type);
      if (!event.proved) return fail('not-host');
      return stay({ kind: 'ready' }, [{ type: 'ready' }]);
    case 'version-mismatch':
      return fail(event.theirs > WIRE_VERSION ? 'viewer-outdated' : 'host-outdated');
    case 'channel-closed':
      return onChannelClosed(state);
    case 'host-silent':
      return onHostSilent(state, event.reconnect);
    default:
      return assertNever(event);
  }
}
