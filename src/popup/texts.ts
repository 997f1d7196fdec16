import { locale, t, tn } from '../extension-i18n.js';
import type { ControlScope, RevokeReason } from '../shared/control.js';
import { assertNever } from '../shared/errors.js';
import type { MessageKey } from '../shared/i18n.js';
import type {
  AuditRecord,
  ControlOffer,
  EndReason,
  GuestStatus,
  GuestView,
  SessionState,
  Surface,
} from '../shared/session.js';

/** Words the sharer sees; the same messages as the in-page panel (src/content/panel.ts). */
export const TEXT = {
  share: t('shareDesktop'),
  stop: t('stopSharing'),
  loading: t('popupLoading'),
  idle: t('popupIdle'),
  picking: t('pickerOpen'),
  live: t('live'),
  liveHint: t('popupLiveHint'),
  noGuests: t('popupNoGuests'),
  noOneWatching: t('popupNoOneWatching'),
  newLink: t('newLink'),
  newLinkMade: t('popupNewLinkMade'),
  waitingHeading: t('popupWaitingHeading'),
  watchingHeading: t('popupWatchingHeading'),
  settings: t('settings'),
  soundHint: t('soundHint'),
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
      return tn('sharingWithGuests', watching);
    }
    default:
      return assertNever(state);
  }
}

/** Why the last share ended, when no error says it already; a stop the user pressed needs no word. */
export function endText(lastEnd: EndReason | undefined): string | null {
  return lastEnd === 'capture-ended' ? t('popupCaptureEnded') : null;
}

export function surfaceText(surface: Surface): string {
  const size = surface.width > 0 && surface.height > 0 ? `${surface.width}×${surface.height}` : '';
  const sized = (key: MessageKey, sizedKey: MessageKey) => (size ? t(sizedKey, size) : t(key));
  switch (surface.kind) {
    case 'monitor':
      return sized('popupSharingScreen', 'popupSharingScreenSized');
    case 'window':
      return sized('popupSharingWindow', 'popupSharingWindowSized');
    case 'browser':
      return sized('popupSharingTab', 'popupSharingTabSized');
    case 'unknown':
      return sized('popupSharing', 'popupSharingSized');
    default:
      return assertNever(surface.kind);
  }
}

const clock = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });

export function sinceText(since: number): string | null {
  return Number.isFinite(since) && since > 0 ? t('sinceTime', clock.format(since)) : null;
}

/** The same words as the in-page panel. */
export function refusedText(attempts: number): string | null {
  if (!(attempts >= 1)) return null;
  return tn('wrongKeyAttempts', attempts);
}

/** A guest's name as shown and spoken; an empty one still needs words for its buttons. */
export const guestName = (guest: GuestView): string => guest.name.trim() || t('unnamedGuest');

export const joinRequestText = (name: string) => t('asksToJoin', name);

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
    [count('checking'), 'guestsChecking'],
    [count('reconnecting'), 'guestsReconnecting'],
    [count('denied'), 'guestsDenied'],
    [count('removed'), 'guestsRemoved'],
    [count('left'), 'guestsLeft'],
    [count('unreachable'), 'guestsUnreachable'],
  ] as const;
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, key]) => t(key, n))
    .join(' · ');
  return text || null;
}

/* Remote control: the same words as the in-page control bar (src/content/control-bar.ts). */

export const CONTROL_TEXT = {
  allow: t('allowControl'),
  deny: t('denyControl'),
  takeBack: t('takeBackControl'),
  checking: t('popupCheckingControl'),
  installHelper: t('howToInstallHelper'),
  defaultShortcut: 'Alt+Shift+X',
  shortcutsPage: 'chrome://extensions/shortcuts',
  auditLog: t('auditLog'),
  exportAudit: t('exportAuditLog'),
  auditEmpty: t('auditEmpty'),
} as const;

/** "NAME asks to control …" for what "Allow control" would hand over; the name as `mark(0)`. */
export function controlAskKey(offer: ControlOffer): MessageKey {
  switch (offer.kind) {
    case 'tab':
      return 'asksToControlTab';
    case 'desktop':
      return 'asksToControlDesktop';
    case 'checking':
    case 'unavailable':
      return 'asksToControlScreen';
    default:
      return assertNever(offer);
  }
}

/** A requester's or holder's name; an empty one still needs words for the sentence. */
export const controlName = (name: string): string => name.trim() || t('unnamedGuest');

export const controlRequestAnnouncement = (name: string) => t('asksForControl', name);

/** "NAME is controlling this tab / your desktop"; the name as `mark(0)` or plain text. */
export const controllingKey = (scope: ControlScope): MessageKey =>
  scope === 'tab' ? 'isControllingTab' : 'isControllingDesktop';

export const moreWaitingText = (count: number) => tn('moreWaitingToAsk', count);

const REVOKE_KEYS: Record<RevokeReason, MessageKey> = {
  released: 'revokeReleased',
  'taken-back': 'revokeTakenBack',
  'given-to-other': 'revokeGivenToOther',
  'guest-left': 'revokeGuestLeft',
  'session-ended': 'revokeSessionEnded',
  'executor-lost': 'revokeExecutorLost',
};

export const revokeReasonText = (reason: RevokeReason | undefined): string => {
  const key = reason ? REVOKE_KEYS[reason] : 'revokeNoReason';
  return key ? t(key) : String(reason);
};

/** What happened, after the time and the name: "granted control of this tab". */
export function auditWhatText(entry: AuditRecord): string {
  switch (entry.type) {
    case 'requested':
      return t('auditRequested');
    case 'granted':
      if (!entry.scope) return t('auditGranted');
      return t(entry.scope === 'tab' ? 'auditGrantedTab' : 'auditGrantedDesktop');
    case 'denied':
      return t('auditDenied');
    case 'revoked': {
      const reason = revokeReasonText(entry.reason);
      if (entry.injected === undefined && entry.dropped === undefined)
        return t('auditRevoked', reason);
      return tn('auditRevokedCounts', entry.injected ?? 0, reason, entry.dropped ?? 0);
    }
    default:
      return assertNever(entry.type);
  }
}

const auditClock = new Intl.DateTimeFormat(locale, {
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
});

export const auditTimeText = (at: number): string =>
  Number.isFinite(at) && at > 0 ? auditClock.format(at) : '—';
