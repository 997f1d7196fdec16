import { assertNever } from './errors.js';

/**
 * Who controls the sharer's machine: one pure machine, persisted with the session. Control is
 * never implied: a guest asks, the sharer allows one request at a time, and every grant or
 * revoke bumps the epoch, so input stamped with an older epoch is dropped on arrival.
 */
export type ControlScope = 'tab' | 'desktop';

export type RevokeReason =
  | 'released'
  | 'taken-back'
  | 'given-to-other'
  | 'guest-left'
  | 'session-ended'
  | 'executor-lost';

export interface Requester {
  peerId: string;
  name: string;
  at: number;
}

export interface ControlState {
  epoch: number;
  holder: (Requester & { scope: ControlScope; since: number }) | null;
  /** Guests who asked, oldest first; the sharer answers the first. */
  requests: Requester[];
}

export const NO_CONTROL: ControlState = { epoch: 0, holder: null, requests: [] };

export type ControlEvent =
  | { type: 'request'; peerId: string; name: string; now: number }
  | { type: 'allow'; peerId: string; scope: ControlScope; now: number }
  | { type: 'deny'; peerId: string }
  | { type: 'release'; peerId: string }
  | { type: 'take-back' }
  | { type: 'guest-left'; peerId: string }
  | { type: 'executor-lost' }
  | { type: 'session-ended' };

export type ControlNotice =
  | { type: 'granted'; epoch: number; scope: ControlScope }
  | { type: 'revoked'; epoch: number; reason: RevokeReason }
  | { type: 'denied' }
  | { type: 'queued'; position: number };

export type ControlEffect =
  | { type: 'notify'; peerId: string; notice: ControlNotice }
  | { type: 'attach'; scope: ControlScope }
  | { type: 'detach' }
  | { type: 'audit'; entry: AuditEntry }
  | { type: 'warn'; message: string };

export interface AuditEntry {
  type: 'granted' | 'revoked' | 'requested' | 'denied';
  peerId: string;
  name: string;
  epoch: number;
  scope?: ControlScope;
  reason?: RevokeReason;
}

export interface ControlTransition {
  state: ControlState;
  effects: ControlEffect[];
}

const warn = (state: ControlState, message: string): ControlTransition => ({
  state,
  effects: [{ type: 'warn', message }],
});

/** Ends the current grant, if any: new epoch, executor detached, holder told why. */
function revoke(state: ControlState, reason: RevokeReason): ControlTransition {
  if (!state.holder) return { state, effects: [] };
  const epoch = state.epoch + 1;
  const { peerId, name } = state.holder;
  return {
    state: { ...state, epoch, holder: null },
    effects: [
      { type: 'detach' },
      { type: 'notify', peerId, notice: { type: 'revoked', epoch, reason } },
      { type: 'audit', entry: { type: 'revoked', peerId, name, epoch, reason } },
    ],
  };
}

function withoutRequest(state: ControlState, peerId: string): ControlState {
  return { ...state, requests: state.requests.filter((r) => r.peerId !== peerId) };
}

/** Those still waiting whose place in the queue moved are told their new place. */
function moved(before: ControlState, after: ControlState): ControlEffect[] {
  return after.requests.flatMap((request, index) => {
    const was = before.requests.findIndex((r) => r.peerId === request.peerId);
    return was === index
      ? []
      : [
          {
            type: 'notify',
            peerId: request.peerId,
            notice: { type: 'queued', position: index + 1 },
          },
        ];
  });
}

/** A transition, plus the new places of those it moved up the queue. */
function requeue(before: ControlState, transition: ControlTransition): ControlTransition {
  return { ...transition, effects: [...transition.effects, ...moved(before, transition.state)] };
}

export function controlTransition(state: ControlState, event: ControlEvent): ControlTransition {
  switch (event.type) {
    case 'request': {
      const { peerId, name, now } = event;
      if (state.holder?.peerId === peerId) return warn(state, `${name} already has control`);
      if (state.requests.some((r) => r.peerId === peerId))
        return warn(state, `${name} already asked`);
      const requests = [...state.requests, { peerId, name, at: now }];
      return {
        state: { ...state, requests },
        effects: [
          { type: 'notify', peerId, notice: { type: 'queued', position: requests.length } },
          { type: 'audit', entry: { type: 'requested', peerId, name, epoch: state.epoch } },
        ],
      };
    }
    case 'allow': {
      const request = state.requests.find((r) => r.peerId === event.peerId);
      if (!request) return warn(state, 'allow for a guest who did not ask');
      const before = revoke(state, 'given-to-other');
      const epoch = before.state.epoch + 1;
      const holder = { ...request, scope: event.scope, since: event.now };
      return requeue(state, {
        state: { epoch, holder, requests: withoutRequest(before.state, request.peerId).requests },
        effects: [
          ...before.effects,
          { type: 'attach', scope: event.scope },
          {
            type: 'notify',
            peerId: request.peerId,
            notice: { type: 'granted', epoch, scope: event.scope },
          },
          {
            type: 'audit',
            entry: {
              type: 'granted',
              peerId: request.peerId,
              name: request.name,
              epoch,
              scope: event.scope,
            },
          },
        ],
      });
    }
    case 'deny': {
      const request = state.requests.find((r) => r.peerId === event.peerId);
      if (!request) return warn(state, 'deny for a guest who did not ask');
      return requeue(state, {
        state: withoutRequest(state, request.peerId),
        effects: [
          { type: 'notify', peerId: request.peerId, notice: { type: 'denied' } },
          {
            type: 'audit',
            entry: {
              type: 'denied',
              peerId: request.peerId,
              name: request.name,
              epoch: state.epoch,
            },
          },
        ],
      });
    }
    case 'release':
      if (state.holder?.peerId !== event.peerId)
        return requeue(state, { state: withoutRequest(state, event.peerId), effects: [] });
      return revoke(state, 'released');
    case 'take-back':
      return revoke(state, 'taken-back');
    case 'guest-left': {
      const remaining = withoutRequest(state, event.peerId);
      return requeue(
        state,
        state.holder?.peerId === event.peerId
          ? revoke(remaining, 'guest-left')
          : { state: remaining, effects: [] },
      );
    }
    case 'executor-lost':
      return revoke(state, 'executor-lost');
    case 'session-ended':
      return revoke({ ...state, requests: [] }, 'session-ended');
    default:
      return assertNever(event);
  }
}

/**
 * Whether an input event may reach the executor: only from the holder, only with the current
 * epoch. Everything else is dropped and counted by the caller.
 */
export function mayInject(state: ControlState, peerId: string, epoch: number): boolean {
  return state.holder !== null && state.holder.peerId === peerId && epoch === state.epoch;
}
