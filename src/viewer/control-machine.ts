import type { ControlScope, RevokeReason } from '../shared/control.js';
import { assertNever } from '../shared/errors.js';
import { type SharerMessage, type ViewerMessage, wire } from '../shared/wire.js';

/**
 * The guest's side of remote control, apart from the connection's own machine: the host says
 * yes, no or wait, and may end it at any time. Pure: the session performs the effects.
 */
export type ControlNote = 'denied' | RevokeReason;

export type ControlView =
  /** `note` says why control just ended or was refused, for the guest to read. */
  | { kind: 'none'; note: ControlNote | null }
  /** `position` is 1 when the host is answering us, null until the host says. */
  | { kind: 'requested'; position: number | null }
  | { kind: 'granted'; epoch: number; scope: ControlScope };

export type ControlMessage = Extract<SharerMessage, { type: `control/${string}` }>;

export type ControlEvent =
  | { type: 'request' }
  /** The guest lets go, or withdraws a request not yet answered. */
  | { type: 'release' }
  | { type: 'message'; message: ControlMessage }
  /** The connection ended: nothing can be controlled any more. */
  | { type: 'session-over' };

export type ControlEffect =
  | { type: 'send'; message: ViewerMessage }
  /** Send the releases still owed for keys and buttons, stamped with `epoch`. */
  | { type: 'release-held'; epoch: number }
  /** Forget held keys and buttons: the host has already let go of them. */
  | { type: 'forget-held' }
  | { type: 'warn'; message: string };

export interface ControlTransition {
  control: ControlView;
  effects: ControlEffect[];
}

export const NO_CONTROL: ControlView = { kind: 'none', note: null };

export const isControlMessage = (message: SharerMessage): message is ControlMessage =>
  message.type.startsWith('control/');

const stay = (control: ControlView, effects: ControlEffect[] = []) => ({ control, effects });
const ignore = (control: ControlView, what: string) =>
  stay(control, [{ type: 'warn', message: `${what} while control is ${control.kind}` }]);
const sendRelease: ControlEffect = {
  type: 'send',
  message: wire<ViewerMessage>({ type: 'control/release' }),
};

function onMessage(control: ControlView, message: ControlMessage): ControlTransition {
  switch (message.type) {
    case 'control/queued':
      if (control.kind !== 'requested') return ignore(control, message.type);
      return stay({ kind: 'requested', position: message.position });
    case 'control/denied':
      if (control.kind !== 'requested') return ignore(control, message.type);
      return stay({ kind: 'none', note: 'denied' });
    case 'control/granted': {
      const { epoch, scope } = message;
      if (control.kind === 'requested') return stay({ kind: 'granted', epoch, scope });
      if (control.kind === 'granted') {
        if (epoch <= control.epoch) return ignore(control, `stale ${message.type}`);
        return stay({ kind: 'granted', epoch, scope }, [{ type: 'forget-held' }]);
      }
      // We withdrew the request (our release is on its way) or never asked: never hold control
      // without knowing it. A release from a guest without control is a no-op for the host.
      return stay(control, [
        { type: 'warn', message: 'control/granted without a request: released' },
        sendRelease,
      ]);
    }
    case 'control/revoked':
      // After our own release the host confirms with `released`: already done here.
      if (control.kind !== 'granted' || message.epoch <= control.epoch) return stay(control);
      return stay({ kind: 'none', note: message.reason }, [{ type: 'forget-held' }]);
    default:
      return assertNever(message);
  }
}

export function controlTransition(control: ControlView, event: ControlEvent): ControlTransition {
  switch (event.type) {
    case 'request':
      if (control.kind !== 'none') return stay(control);
      return stay({ kind: 'requested', position: null }, [
        { type: 'send', message: wire<ViewerMessage>({ type: 'control/request' }) },
      ]);
    case 'release':
      // Leaves at once, without waiting for the host: the releases still owed go first, with
      // the epoch they belong to, then the release itself.
      if (control.kind === 'granted') {
        return stay(NO_CONTROL, [{ type: 'release-held', epoch: control.epoch }, sendRelease]);
      }
      if (control.kind === 'requested') return stay(NO_CONTROL, [sendRelease]);
      return stay(control);
    case 'message':
      return onMessage(control, event.message);
    case 'session-over':
      if (control.kind === 'none' && control.note === null) return stay(control);
      return stay(NO_CONTROL, control.kind === 'granted' ? [{ type: 'forget-held' }] : []);
    default:
      return assertNever(event);
  }
}
