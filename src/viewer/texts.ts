import { assertNever } from '../shared/errors.js';
import type { DenyReason } from '../shared/wire.js';
import type { ControlNote, ControlView } from './control-machine.js';
import type { Surface, ViewerState } from './machine.js';

/** Words a guest sees. Kept exact: outside tests and screen-reader users rely on them (DESIGN §8). */
export const TEXT = {
  invalidLink: 'This link is not valid.',
  signallingUnreachable: 'The signalling server cannot be reached.',
  hostUnreachable: 'The host is not reachable — the share may have ended or the link is old.',
  hostClosed: 'The host closed the connection before letting you in.',
  declined: 'The host declined your request to join.',
  full: 'The share is full.',
  removed: 'You were removed from the share.',
  busy: 'Too many attempts to join this share. Try again in a minute.',
  security:
    'The connection to the host could not be verified: someone may be intercepting it. Ask the host for a new link.',
  noWebRtc: 'This browser cannot receive a shared screen (WebRTC is not available).',
  signallingRefused: 'The signalling server refused the connection (check the link).',
  failed: 'The connection failed.',
  insecurePage: 'This page must be opened over HTTPS to join a share.',
} as const;

export function denialText(reason: DenyReason): string {
  switch (reason) {
    case 'invalid-link':
      return TEXT.invalidLink;
    case 'security':
      return TEXT.security;
    case 'busy':
      return TEXT.busy;
    case 'declined':
      return TEXT.declined;
    case 'full':
      return TEXT.full;
    case 'removed':
      return TEXT.removed;
    default:
      return assertNever(reason);
  }
}

/** The one line in `role="status"`: short, and always present so screen readers hear changes. */
export function statusText(state: ViewerState): string {
  switch (state.kind) {
    case 'idle':
      return 'Ready to join.';
    case 'connecting':
      return state.step === 'signalling' ? 'Connecting…' : 'Reaching the host…';
    case 'checking':
      return 'Checking the link…';
    case 'pending':
      return 'Waiting for the host to let you in…';
    case 'waiting':
      return 'Waiting for the picture…';
    case 'live':
      return 'Live';
    case 'ended':
      return state.lost ? 'The share has ended (connection lost).' : 'The share has ended.';
    case 'error':
      return 'Not connected.';
    default:
      return assertNever(state);
  }
}

/** A calmer second line that explains a wait without changing the status text tests look for. */
export function hintText(state: ViewerState): string | null {
  if (state.kind === 'checking' && state.proved) return 'The host may need to let you in.';
  if (state.kind === 'pending') return 'The host sees your name. Keep this page open.';
  if (state.kind === 'waiting' || state.kind === 'live') return surfaceText(state.surface);
  if (state.kind === 'ended' && !state.lost) return 'You can close this page.';
  return null;
}

const SURFACE_NAMES: Record<Surface['kind'], string | null> = {
  monitor: 'Entire screen',
  window: 'A window',
  browser: 'A browser tab',
  unknown: null,
};

function surfaceText(surface: Surface | null): string | null {
  if (!surface || surface.width === 0 || surface.height === 0) return null;
  const size = `${surface.width} × ${surface.height}`;
  const what = SURFACE_NAMES[surface.kind];
  return what ? `${what} · ${size}` : size;
}

/** Why control ended or was refused, as the guest reads it. */
const CONTROL_NOTES: Record<ControlNote, string | null> = {
  denied: 'The host declined control.',
  'taken-back': 'The host took back control.',
  // The guest's own doing: the button already says so.
  released: null,
  'given-to-other': 'Control ended: the host gave it to another guest.',
  'guest-left': 'Control ended: you left the share.',
  'session-ended': 'Control ended: the share ended.',
  'executor-lost': "Control ended: the host's side stopped accepting input.",
};

/** The line beside the control button: a request's progress, or why control ended. */
export function controlText(control: ControlView): string | null {
  switch (control.kind) {
    case 'none':
      return control.note === null ? null : CONTROL_NOTES[control.note];
    case 'requested':
      return control.position !== null && control.position > 1
        ? `Waiting for your turn (${control.position - 1} ahead)`
        : 'Asked the host for control…';
    case 'granted':
      return null;
    default:
      return assertNever(control);
  }
}

/** The banner on the stage while the guest is in control. */
export function controllingText(control: ControlView): string | null {
  if (control.kind !== 'granted') return null;
  return control.scope === 'tab'
    ? "You are controlling the host's tab"
    : "You are controlling the host's desktop";
}
