import { assertNever } from '../shared/errors.js';
import type { MessageKey } from '../shared/i18n.js';
import { statsWords } from '../shared/media-stats.js';
import type { ControlNote, ControlView } from './control-machine.js';
import { t } from './i18n.js';
import type { Surface, ViewerError, ViewerState } from './machine.js';

/** Words a guest sees. Kept exact: outside tests and screen-reader users rely on them (DESIGN §8). */
const ERROR_TEXT: Record<ViewerError, MessageKey> = {
  'invalid-link': 'vInvalidLink',
  'signalling-unreachable': 'vSignallingUnreachable',
  'signalling-refused': 'vSignallingRefused',
  'host-unreachable': 'vHostUnreachable',
  'network-blocked': 'vNetworkBlocked',
  'host-closed': 'vHostClosed',
  declined: 'vDeclined',
  full: 'vFull',
  removed: 'vRemoved',
  busy: 'vBusy',
  security: 'vSecurity',
  'not-host': 'vNotHost',
  version: 'vHostOutdated',
  'host-outdated': 'vHostOutdated',
  'viewer-outdated': 'vViewerOutdated',
  'no-webrtc': 'vNoWebRtc',
  'insecure-page': 'vInsecurePage',
  failed: 'vFailed',
};

/** Why joining failed, in the guest's language. */
export function errorText(reason: ViewerError): string {
  return t(ERROR_TEXT[reason]);
}

/** The one line in `role="status"`: short, and always present so screen readers hear changes. */
export function statusText(state: ViewerState): string {
  switch (state.kind) {
    case 'idle':
      return t('vReady');
    case 'connecting':
      return state.step === 'signalling' ? t('vConnecting') : t('vReachingHost');
    case 'checking':
    case 'ready':
      return t('vChecking');
    case 'pending':
      return t('vPending');
    case 'waiting':
      return t('vWaitingPicture');
    case 'live':
      return t('live');
    case 'reconnecting':
      return t('vReconnecting');
    case 'ended':
      return state.lost ? t('vEndedLost') : t('vEnded');
    case 'error':
      return t('vNotConnected');
    default:
      return assertNever(state);
  }
}

/** A calmer second line that explains a wait without changing the status text tests look for. */
export function hintText(state: ViewerState): string | null {
  if (state.kind === 'checking' && state.step === 'admission') return t('vHintMayNeedAdmit');
  if (state.kind === 'pending') return t('vHintPending');
  if (state.kind === 'waiting' || state.kind === 'live') return surfaceText(state.surface);
  if (state.kind === 'ended' && !state.lost) return t('vHintClose');
  if (state.kind === 'reconnecting') return t('vHintReconnecting');
  return null;
}

const SURFACE_NAMES: Record<Surface['kind'], MessageKey | null> = {
  monitor: 'vSurfaceScreen',
  window: 'vSurfaceWindow',
  browser: 'vSurfaceTab',
  unknown: null,
};

function surfaceText(surface: Surface | null): string | null {
  if (!surface || surface.width === 0 || surface.height === 0) return null;
  const size = `${surface.width} × ${surface.height}`;
  const what = SURFACE_NAMES[surface.kind];
  return what ? `${t(what)} · ${size}` : size;
}

/** Why control ended or was refused, as the guest reads it. */
const CONTROL_NOTES: Record<ControlNote, MessageKey | null> = {
  denied: 'vControlDenied',
  'taken-back': 'vControlTakenBack',
  // The guest's own doing: the button already says so.
  released: null,
  'given-to-other': 'vControlGivenToOther',
  'guest-left': 'vControlGuestLeft',
  'session-ended': 'vControlSessionEnded',
  'executor-lost': 'vControlExecutorLost',
};

/** The line beside the control button: a request's progress, or why control ended. */
export function controlText(control: ControlView): string | null {
  switch (control.kind) {
    case 'none':
      if (control.note === null) return null;
      return CONTROL_NOTES[control.note] ? t(CONTROL_NOTES[control.note] as MessageKey) : null;
    case 'requested':
      return control.position !== null && control.position > 1
        ? t('vControlQueued', control.position - 1)
        : t('vControlAsked');
    case 'granted':
      return null;
    default:
      return assertNever(control);
  }
}

/** The banner on the stage while the guest is in control. */
export function controllingText(control: ControlView): string | null {
  if (control.kind !== 'granted') return null;
  return control.scope === 'tab' ? t('vControllingTab') : t('vControllingDesktop');
}

/** The statistics overlay and the sound button. */
export const STATS_TEXT = {
  button: t('vStatistics'),
  overlay: t('vStatsOverlay'),
  measuring: t('vStatsMeasuring'),
  resolution: t('vStatsResolution'),
  frameRate: t('vStatsFrameRate'),
  bitrate: t('vStatsBitrate'),
  roundTrip: t('vStatsRoundTrip'),
  loss: t('vStatsLoss'),
  codec: t('vStatsCodec'),
  path: t('vStatsPath'),
  units: statsWords(t),
} as const;

export const SOUND_TEXT = {
  mute: t('vMute'),
  unmute: t('vUnmute'),
  /** Browsers start a page's media muted until the user acts. */
  hint: t('vSoundHint'),
} as const;
