import { assertNever } from '../shared/errors.js';
import type { EndReason, GuestStatus, SessionState, Surface } from '../shared/session.js';

/** Words the sharer sees; the same as the in-page panel (src/content/panel.ts) where both say it. */
export const TEXT = {
  share: 'Share desktop',
  stop: 'Stop sharing',
  loading: 'Asking Deskbridge…',
  idle: 'Not sharing.',
  picking: 'Choose what to share in the browser’s picker…',
  live: 'Live',
  liveHint: 'Paste the link in the call’s chat.',
  noGuests: 'No one has joined yet.',
  settings: 'Settings',
} as const;

export function watchingCount(state: Extract<SessionState, { kind: 'live' }>): number {
  return state.guests.filter((guest) => guest.status === 'watching').length;
}

/** The one line in `role="status"`. */
export function statusText(state: SessionState): string {
  switch (state.kind) {
    case 'idle':
      return TEXT.idle;
    case 'starting':
      return TEXT.picking;
    case 'live': {
      const watching = watchingCount(state);
      if (watching === 0) return TEXT.live;
      return `Sharing with ${watching} guest${watching === 1 ? '' : 's'}`;
    }
    default:
      return assertNever(state);
  }
}

/** Why the last share ended, when no error says it already; a stop the user pressed needs no word. */
export function endText(lastEnd: EndReason | undefined): string | null {
  if (lastEnd === 'capture-ended')
    return 'The last share ended when the browser stopped capturing.';
  return null;
}

export function guestStatusText(status: GuestStatus): string {
  switch (status) {
    case 'checking':
      return 'Checking the link';
    case 'watching':
      return 'Watching';
    case 'denied':
      return 'Refused: wrong link';
    case 'left':
      return 'Left';
    default:
      return assertNever(status);
  }
}

export function surfaceText(surface: Surface): string {
  const size =
    surface.width > 0 && surface.height > 0 ? ` (${surface.width}×${surface.height})` : '';
  switch (surface.kind) {
    case 'monitor':
      return `Sharing your entire screen${size}.`;
    case 'window':
      return `Sharing a window${size}.`;
    case 'browser':
      return `Sharing a browser tab${size}.`;
    case 'unknown':
      return `Sharing${size}.`;
    default:
      return assertNever(surface.kind);
  }
}

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

export function sinceText(since: number): string | null {
  return Number.isFinite(since) && since > 0 ? `since ${clock.format(since)}` : null;
}

export function refusedText(attempts: number): string | null {
  if (attempts <= 0) return null;
  return attempts === 1
    ? '1 attempt to join with a wrong link was refused.'
    : `${attempts} attempts to join with a wrong link were refused.`;
}
