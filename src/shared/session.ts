import { type AppError, appError, assertNever } from './errors.js';
import type { Settings } from './settings.js';

/**
 * The sharer's session as the coordinator sees it: one discriminated union, persisted after every
 * transition, so a restarted service worker resumes exactly where it stopped.
 */
/** checking: proving the key · waiting: proved, for the sharer to admit · denied: wrong key. */
export type GuestStatus = 'checking' | 'waiting' | 'watching' | 'denied' | 'removed' | 'left';

export interface GuestView {
  peerId: string;
  name: string;
  status: GuestStatus;
  /** When the guest reached its current status (ms since the epoch). */
  since: number;
  framesSent: number;
  bytesSent: number;
  /** Data-channel round trip from the last ping, the connection-quality figure. */
  rttMs: number | null;
  /** Malformed messages dropped from this guest. */
  dropped: number;
}

export type GuestDecision = 'admit' | 'deny' | 'remove';

export type SurfaceKind = 'monitor' | 'window' | 'browser' | 'unknown';

export interface Surface {
  kind: SurfaceKind;
  width: number;
  height: number;
}

export type EndReason = 'stopped' | 'capture-ended' | 'failed' | 'host-lost';

export type SessionState =
  | { kind: 'idle'; lastError?: AppError; lastEnd?: EndReason }
  | {
      kind: 'starting';
      sessionId: string;
      tabId: number | null;
      peerId: string;
      link: string;
      startedAt: number;
    }
  | {
      kind: 'live';
      sessionId: string;
      tabId: number | null;
      peerId: string;
      link: string;
      startedAt: number;
      liveAt: number;
      surface: Surface;
      guests: GuestView[];
      rejectedAttempts: number;
    };

export type SessionEvent =
  | {
      type: 'start';
      sessionId: string;
      tabId: number | null;
      peerId: string;
      key: string;
      link: string;
      settings: Settings;
      now: number;
    }
  | { type: 'host-ready'; sessionId: string; surface: Surface; now: number }
  | { type: 'host-failed'; sessionId: string; error: AppError }
  | { type: 'host-ended'; sessionId: string }
  | { type: 'guests'; sessionId: string; guests: GuestView[]; rejectedAttempts: number }
  | { type: 'guest-decision'; peerId: string; decision: GuestDecision }
  | { type: 'new-link'; key: string; link: string }
  | { type: 'stop' }
  | { type: 'host-lost' };

export type SessionEffect =
  | {
      type: 'start-host';
      sessionId: string;
      peerId: string;
      key: string;
      settings: Settings;
    }
  | { type: 'stop-host'; sessionId: string }
  | { type: 'decide-guest'; sessionId: string; peerId: string; decision: GuestDecision }
  | { type: 'rekey-host'; sessionId: string; key: string }
  | { type: 'close-host' }
  | { type: 'warn'; message: string };

export interface Transition {
  state: SessionState;
  effects: SessionEffect[];
}

export const IDLE: SessionState = { kind: 'idle' };

const stay = (state: SessionState, message: string): Transition => ({
  state,
  effects: [{ type: 'warn', message }],
});

const ended = (sessionId: string, lastEnd: EndReason, lastError?: AppError): Transition => ({
  state: lastError ? { kind: 'idle', lastEnd, lastError } : { kind: 'idle', lastEnd },
  effects: [{ type: 'stop-host', sessionId }, { type: 'close-host' }],
});

function sessionIdOf(state: SessionState): string | null {
  return state.kind === 'idle' ? null : state.sessionId;
}

export function transition(state: SessionState, event: SessionEvent): Transition {
  if ('sessionId' in event && event.type !== 'start' && event.sessionId !== sessionIdOf(state)) {
    return stay(state, `${event.type} for another session (${event.sessionId}) ignored`);
  }
  switch (event.type) {
    case 'start': {
      if (state.kind !== 'idle') return stay(state, 'start while a session is running ignored');
      const { sessionId, tabId, peerId, key, link, settings, now } = event;
      return {
        state: { kind: 'starting', sessionId, tabId, peerId, link, startedAt: now },
        effects: [{ type: 'start-host', sessionId, peerId, key, settings }],
      };
    }
    case 'host-ready':
      if (state.kind !== 'starting') return stay(state, `host-ready while ${state.kind} ignored`);
      return {
        state: {
          ...state,
          kind: 'live',
          liveAt: event.now,
          surface: event.surface,
          guests: [],
          rejectedAttempts: 0,
        },
        effects: [],
      };
    case 'host-failed':
      if (state.kind === 'idle') return stay(state, 'host-failed while idle ignored');
      return ended(state.sessionId, 'failed', event.error);
    case 'host-ended':
      if (state.kind === 'idle') return stay(state, 'host-ended while idle ignored');
      return ended(state.sessionId, 'capture-ended');
    case 'guests':
      if (state.kind !== 'live') return stay(state, `guests while ${state.kind} ignored`);
      return {
        state: { ...state, guests: event.guests, rejectedAttempts: event.rejectedAttempts },
        effects: [],
      };
    case 'guest-decision': {
      if (state.kind !== 'live') return stay(state, `guest-decision while ${state.kind} ignored`);
      const { peerId, decision } = event;
      if (!state.guests.some((guest) => guest.peerId === peerId)) {
        return stay(state, `${decision} for an unknown guest ignored`);
      }
      return {
        state,
        effects: [{ type: 'decide-guest', sessionId: state.sessionId, peerId, decision }],
      };
    }
    case 'new-link':
      if (state.kind !== 'live') return stay(state, `new-link while ${state.kind} ignored`);
      return {
        state: { ...state, link: event.link },
        effects: [{ type: 'rekey-host', sessionId: state.sessionId, key: event.key }],
      };
    case 'stop':
      if (state.kind === 'idle') return stay(state, 'stop while idle ignored');
      return ended(state.sessionId, 'stopped');
    case 'host-lost':
      if (state.kind === 'idle') return { state, effects: [] };
      return ended(state.sessionId, 'host-lost', appError('host-failed'));
    default:
      return assertNever(event);
  }
}

/** Number shown on the extension icon: guests watching, or a dot while starting. */
export function watchingCount(state: SessionState): number {
  return state.kind === 'live' ? state.guests.filter((g) => g.status === 'watching').length : 0;
}

export function badgeText(state: SessionState): string {
  if (state.kind === 'starting') return '…';
  if (state.kind !== 'live') return '';
  const watching = watchingCount(state);
  return watching > 0 ? String(watching) : 'ON';
}
