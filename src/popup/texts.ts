import type { ControlScope, RevokeReason } from '../shared/control.js';
import { assertNever } from '../shared/errors.js';
import type {
  AuditRecord,
  ControlOffer,
  EndReason,
  GuestStatus,
  GuestView,
  SessionState,
  Surface,
} from '../shared/session.js';

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
  noOneWatching: 'No one is watching.',
  newLink: 'New link',
  newLinkMade: 'New link made: the old one no longer works.',
  waitingHeading: 'Waiting to join',
  watchingHeading: 'Watching',
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

/** The same words as the in-page panel. */
export function refusedText(attempts: number): string | null {
  if (!(attempts >= 1)) return null;
  return `${attempts} attempt${attempts === 1 ? '' : 's'} with a wrong key`;
}

/** A guest's name as shown and spoken; an empty one still needs words for its buttons. */
export const guestName = (guest: GuestView): string => guest.name.trim() || 'Unnamed guest';

export const joinRequestText = (name: string) => `${name} asks to join`;

export type Quality = 'good' | 'fair' | 'poor';

/** Connection quality from the data-channel round trip; null until the first ping answers. */
export function qualityOf(rttMs: number | null): Quality | null {
  if (rttMs === null || !Number.isFinite(rttMs) || rttMs < 0) return null;
  if (rttMs < 150) return 'good';
  if (rttMs < 400) return 'fair';
  return 'poor';
}

/** Guests not listed (still checking, or gone), as one line: "1 checking the link · 2 left". */
export function otherGuestsText(guests: GuestView[]): string | null {
  const count = (status: GuestStatus) => guests.filter((guest) => guest.status === status).length;
  const parts = [
    [count('checking'), 'checking the link'],
    [count('denied'), 'denied'],
    [count('removed'), 'removed'],
    [count('left'), 'left'],
  ] as const;
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, words]) => `${n} ${words}`)
    .join(' · ');
  return text || null;
}

/* Remote control: the same words as the in-page control bar (src/content/control-bar.ts). */

export const CONTROL_TEXT = {
  allow: 'Allow control',
  deny: 'Deny control',
  takeBack: 'Take back control',
  checking: 'Checking what control is possible…',
  installHelper: 'How to install the helper',
  defaultShortcut: 'Alt+Shift+X',
  shortcutsPage: 'chrome://extensions/shortcuts',
  auditLog: 'Audit log',
  exportAudit: 'Export audit log',
  auditEmpty: 'Nothing yet: requests, grants and revokes are listed here.',
} as const;

/** What "Allow control" would hand over, as in "Ada asks to control …". */
export function controlTarget(offer: ControlOffer): string {
  switch (offer.kind) {
    case 'tab':
      return 'this tab';
    case 'desktop':
      return 'your whole desktop (mouse and keyboard)';
    case 'checking':
    case 'unavailable':
      return 'your screen';
    default:
      return assertNever(offer);
  }
}

/** A requester's or holder's name; an empty one still needs words for the sentence. */
export const controlName = (name: string): string => name.trim() || 'Unnamed guest';

export const controlAskText = (name: string, offer: ControlOffer) =>
  `${name} asks to control ${controlTarget(offer)}`;

export const controlRequestAnnouncement = (name: string) => `${name} asks for control`;

export const scopeText = (scope: ControlScope): string =>
  scope === 'tab' ? 'this tab' : 'your desktop';

export const moreWaitingText = (count: number) => `${count} more waiting to ask`;

const REVOKE_TEXT: Record<RevokeReason, string> = {
  released: 'the guest released it',
  'taken-back': 'taken back',
  'given-to-other': 'given to another guest',
  'guest-left': 'the guest left',
  'session-ended': 'the share ended',
  'executor-lost': 'the connection to the tab or helper was lost',
};

export const revokeReasonText = (reason: RevokeReason | undefined): string =>
  reason ? (REVOKE_TEXT[reason] ?? reason) : 'no reason given';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** What happened, after the time and the name: "granted control of this tab". */
export function auditWhatText(entry: AuditRecord): string {
  switch (entry.type) {
    case 'requested':
      return 'asked for control';
    case 'granted':
      return entry.scope ? `granted control of ${scopeText(entry.scope)}` : 'granted control';
    case 'denied':
      return 'denied control';
    case 'revoked': {
      const counts =
        entry.injected !== undefined || entry.dropped !== undefined
          ? ` — ${plural(entry.injected ?? 0, 'event')} injected, ${entry.dropped ?? 0} dropped`
          : '';
      return `control ended: ${revokeReasonText(entry.reason)}${counts}`;
    }
    default:
      return assertNever(entry.type);
  }
}

const auditClock = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
});

export const auditTimeText = (at: number): string =>
  Number.isFinite(at) && at > 0 ? auditClock.format(at) : '—';
