import {
  type AuditEntry,
  type ControlEvent,
  type ControlNotice,
  type ControlScope,
  type ControlState,
  controlTransition,
  NO_CONTROL,
} from './control.js';
import { type AppError, appError, assertNever } from './errors.js';
import type { RelayTicket } from './link.js';
import type { MediaStats } from './media-stats.js';
import type { Settings } from './settings.js';

/**
 * The sharer's session as the coordinator sees it: one discriminated union, persisted after every
 * transition, so a restarted service worker resumes exactly where it stopped.
 */
/** checking: proving the key · waiting: proved, for the sharer to admit · denied: wrong key. */
/** `reconnecting`: admitted, fell silent, and may come back with its rejoin token (issue #6). */
export type GuestStatus =
  | 'checking'
  | 'waiting'
  | 'watching'
  | 'reconnecting'
  | 'denied'
  | 'removed'
  | 'left'
  /** Tried to connect, but no path got through (no relay, or the networks block it). */
  | 'unreachable';

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
  /** The video sent to this guest (from getStats), while watching. */
  media?: MediaStats | null;
  /**
   * Four words from the key and both fingerprints as the sharer sees them, once the guest has
   * proved the key: the guest's page shows its own four, to be read aloud and compared.
   */
  words?: string[] | null;
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
      /** The session's own setting, as the media host holds it for the whole share. */
      admitEveryone: boolean;
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
      /** The tab being shared, when it is one the extension can control (capture handle). */
      capturedTabId: number | null;
      /** What a guest who asks for control could get; the prompt says it before granting. */
      controlOffer: ControlOffer;
      control: ControlState;
      audit: AuditRecord[];
      /** The laser pointer: guests may point at the picture (off unless the sharer turns it on). */
      pointersAllowed: boolean;
      admitEveryone: boolean;
      /**
       * Set when Remove made a new link by itself: with admit-everyone on, the removed guest's
       * link would have let them straight back in (issue #14, finding 7). The UI says so.
       */
      renewedAfterRemoving?: string;
    };

export type ControlOffer =
  | { kind: 'tab' }
  | { kind: 'desktop' }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'checking' };

export interface AuditRecord extends AuditEntry {
  at: number;
  /** For a revoke: the events injected and dropped during that grant. */
  injected?: number;
  dropped?: number;
}

/** The audit log keeps the latest entries; older ones are dropped first. */
export const AUDIT_LIMIT = 200;

export type SessionEvent =
  | {
      type: 'start';
      sessionId: string;
      tabId: number | null;
      peerId: string;
      key: string;
      link: string;
      settings: Settings;
      /** The Deskbridge server's ticket for this share's relay, when it has one (link.ts). */
      relay: RelayTicket | null;
      now: number;
    }
  | {
      type: 'host-ready';
      sessionId: string;
      surface: Surface;
      capturedTabId: number | null;
      now: number;
    }
  | { type: 'control-offer'; sessionId: string; offer: ControlOffer }
  | { type: 'pointers'; on: boolean }
  | {
      type: 'control';
      event: ControlEvent;
      now: number;
      counts?: { injected: number; dropped: number };
    }
  | { type: 'host-failed'; sessionId: string; error: AppError }
  | { type: 'host-ended'; sessionId: string }
  | {
      type: 'guests';
      sessionId: string;
      guests: GuestView[];
      rejectedAttempts: number;
      /** When the host reported them: a guest who left loses control as of then. */
      now: number;
    }
  | { type: 'guest-decision'; peerId: string; decision: GuestDecision }
  /** A new key and a new peer id: the old link reaches nobody (issue #14, finding 5). */
  | { type: 'new-link'; key: string; peerId: string; link: string; relay: RelayTicket | null }
  | { type: 'stop' }
  | { type: 'host-lost' };

export type SessionEffect =
  | {
      type: 'start-host';
      sessionId: string;
      peerId: string;
      key: string;
      settings: Settings;
      relay: RelayTicket | null;
    }
  | { type: 'stop-host'; sessionId: string }
  | { type: 'decide-guest'; sessionId: string; peerId: string; decision: GuestDecision }
  | {
      type: 'rekey-host';
      sessionId: string;
      key: string;
      peerId: string;
      relay: RelayTicket | null;
    }
  /** Make a new link (key and peer id) and come back with `new-link`. */
  | { type: 'renew-link'; sessionId: string }
  | {
      type: 'check-control-offer';
      sessionId: string;
      surface: Surface;
      capturedTabId: number | null;
    }
  | { type: 'control-notify'; sessionId: string; peerId: string; notice: ControlNotice }
  /** Tells the media host who may send input now, so it drops the rest before forwarding. */
  | { type: 'control-sync'; sessionId: string; epoch: number; holder: string | null }
  | { type: 'control-attach'; scope: ControlScope; tabId: number | null; epoch: number }
  | { type: 'control-detach'; epoch: number }
  | { type: 'pointers-host'; sessionId: string; on: boolean }
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

/** The session is over: control goes first (held keys released), then the guests, then media. */
function ended(
  state: Exclude<SessionState, { kind: 'idle' }>,
  lastEnd: EndReason,
  lastError?: AppError,
): Transition {
  const detach: SessionEffect[] =
    state.kind === 'live' && state.control.holder
      ? [{ type: 'control-detach', epoch: state.control.epoch + 1 }]
      : [];
  return {
    state: lastError ? { kind: 'idle', lastEnd, lastError } : { kind: 'idle', lastEnd },
    effects: [...detach, { type: 'stop-host', sessionId: state.sessionId }, { type: 'close-host' }],
  };
}

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
      const { sessionId, tabId, peerId, key, link, settings, relay, now } = event;
      return {
        state: {
          kind: 'starting',
          sessionId,
          tabId,
          peerId,
          link,
          startedAt: now,
          admitEveryone: settings.admitEveryone,
        },
        effects: [{ type: 'start-host', sessionId, peerId, key, settings, relay }],
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
          capturedTabId: event.capturedTabId,
          controlOffer: { kind: 'checking' },
          control: NO_CONTROL,
          audit: [],
          pointersAllowed: false,
        },
        effects: [
          {
            type: 'check-control-offer',
            sessionId: state.sessionId,
            surface: event.surface,
            capturedTabId: event.capturedTabId,
          },
        ],
      };
    case 'control-offer':
      if (state.kind !== 'live') return stay(state, `control-offer while ${state.kind} ignored`);
      return { state: { ...state, controlOffer: event.offer }, effects: [] };
    case 'pointers':
      if (state.kind !== 'live') return stay(state, `pointers while ${state.kind} ignored`);
      return {
        state: { ...state, pointersAllowed: event.on },
        effects: [{ type: 'pointers-host', sessionId: state.sessionId, on: event.on }],
      };
    case 'control':
      if (state.kind !== 'live') return stay(state, `control while ${state.kind} ignored`);
      return applyControl(state, event.event, event.now, event.counts);
    case 'host-failed':
      if (state.kind === 'idle') return stay(state, 'host-failed while idle ignored');
      return ended(state, 'failed', event.error);
    case 'host-ended':
      if (state.kind === 'idle') return stay(state, 'host-ended while idle ignored');
      return ended(state, 'capture-ended');
    case 'guests': {
      if (state.kind !== 'live') return stay(state, `guests while ${state.kind} ignored`);
      const next = { ...state, guests: event.guests, rejectedAttempts: event.rejectedAttempts };
      // A guest who stopped watching loses control and their place in the queue.
      const watching = new Set(
        event.guests.filter((g) => g.status === 'watching').map((g) => g.peerId),
      );
      const gone = [
        ...(state.control.holder ? [state.control.holder.peerId] : []),
        ...state.control.requests.map((r) => r.peerId),
      ].filter((peerId) => !watching.has(peerId));
      return gone.reduce<Transition>(
        (acc, peerId) => {
          if (acc.state.kind !== 'live') return acc;
          const step = applyControl(acc.state, { type: 'guest-left', peerId }, event.now);
          return { state: step.state, effects: [...acc.effects, ...step.effects] };
        },
        { state: next, effects: [] },
      );
    }
    case 'guest-decision': {
      if (state.kind !== 'live') return stay(state, `guest-decision while ${state.kind} ignored`);
      const { peerId, decision } = event;
      if (!state.guests.some((guest) => guest.peerId === peerId)) {
        return stay(state, `${decision} for an unknown guest ignored`);
      }
      const decide: SessionEffect = {
        type: 'decide-guest',
        sessionId: state.sessionId,
        peerId,
        decision,
      };
      // With admit-everyone on, the removed guest's link would let them straight back in (a
      // private window is a new client): only a new link keeps them out.
      if (decision === 'remove' && state.admitEveryone) {
        const name = state.guests.find((guest) => guest.peerId === peerId)?.name ?? '';
        return {
          state: { ...state, renewedAfterRemoving: name },
          effects: [decide, { type: 'renew-link', sessionId: state.sessionId }],
        };
      }
      return { state, effects: [decide] };
    }
    case 'new-link': {
      if (state.kind !== 'live') return stay(state, `new-link while ${state.kind} ignored`);
      const { key, peerId, link, relay } = event;
      return {
        state: { ...state, link, peerId },
        effects: [{ type: 'rekey-host', sessionId: state.sessionId, key, peerId, relay }],
      };
    }
    case 'stop':
      if (state.kind === 'idle') return stay(state, 'stop while idle ignored');
      return ended(state, 'stopped');
    case 'host-lost':
      if (state.kind === 'idle') return { state, effects: [] };
      return ended(state, 'host-lost', appError('host-failed'));
    default:
      return assertNever(event);
  }
}

type LiveState = Extract<SessionState, { kind: 'live' }>;

/** Runs the control machine inside a live session and turns its effects into session effects. */
function applyControl(
  state: LiveState,
  event: ControlEvent,
  now: number,
  counts?: { injected: number; dropped: number },
): Transition {
  const before = state.control;
  const result = controlTransition(before, event);
  const effects: SessionEffect[] = [];
  const audit = [...state.audit];
  for (const effect of result.effects) {
    switch (effect.type) {
      case 'notify':
        effects.push({
          type: 'control-notify',
          sessionId: state.sessionId,
          peerId: effect.peerId,
          notice: effect.notice,
        });
        break;
      case 'attach':
        effects.push({
          type: 'control-attach',
          scope: effect.scope,
          tabId: state.capturedTabId,
          epoch: result.state.epoch,
        });
        break;
      case 'detach':
        effects.push({ type: 'control-detach', epoch: result.state.epoch });
        break;
      case 'audit':
        audit.push({
          ...effect.entry,
          at: now,
          ...(effect.entry.type === 'revoked' ? counts : {}),
        });
        break;
      case 'warn':
        effects.push(effect);
        break;
      default:
        assertNever(effect);
    }
  }
  const { holder, epoch } = result.state;
  if (epoch !== before.epoch || holder?.peerId !== before.holder?.peerId) {
    effects.push({
      type: 'control-sync',
      sessionId: state.sessionId,
      epoch,
      holder: holder?.peerId ?? null,
    });
  }
  return {
    state: { ...state, control: result.state, audit: audit.slice(-AUDIT_LIMIT) },
    effects,
  };
}

/** Number shown on the extension icon: guests watching, or a dot while starting. */
export function watchingCount(state: SessionState): number {
  return state.kind === 'live' ? state.guests.filter((g) => g.status === 'watching').length : 0;
}

export function badgeText(state: SessionState): string {
  if (state.kind === 'starting') return '…';
  if (state.kind !== 'live') return '';
  // While someone controls the machine, the icon says so above all else.
  if (state.control.holder) return 'CTL';
  const watching = watchingCount(state);
  return watching > 0 ? String(watching) : 'ON';
}
