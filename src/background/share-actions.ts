import { appError, fail, ok, type Result } from '../shared/errors.js';
import { newPeerId, newSessionId, newSessionKey } from '../shared/ids.js';
import { encodeLink, renewLink } from '../shared/link.js';
import { SETTINGS_STORAGE_KEY } from '../shared/protocol.js';
import type { SessionState } from '../shared/session.js';
import { type Settings, settingsOrDefault } from '../shared/settings.js';
import { dispatch } from './coordinator.js';
import { loadSession } from './session-store.js';

async function loadSettings(): Promise<Settings> {
  const stored = await chrome.storage.local.get(SETTINGS_STORAGE_KEY);
  return settingsOrDefault(stored[SETTINGS_STORAGE_KEY]);
}

function linkFor(settings: Settings, peerId: string, key: string): string {
  const { viewerUrl, signalling, iceServers } = settings;
  return encodeLink(viewerUrl, { peerId, key, signalling, iceServers });
}

export async function startShare(tabId: number | null): Promise<Result<SessionState>> {
  if ((await loadSession()).kind !== 'idle') return fail(appError('already-sharing'));
  const settings = await loadSettings();
  const peerId = newPeerId();
  const key = newSessionKey();
  const link = linkFor(settings, peerId, key);
  const state = await dispatch({
    type: 'start',
    sessionId: newSessionId(),
    tabId,
    peerId,
    key,
    link,
    settings,
    now: Date.now(),
  });
  return state.kind === 'starting' ? ok(state) : fail(appError('already-sharing'));
}

/**
 * A fresh key and peer id: the old link stops working — it reaches nobody, so whoever knew the
 * old peer id cannot even knock (issue #14, finding 5) — and guests already in stay.
 */
export async function newLink(): Promise<Result<SessionState>> {
  const session = await loadSession();
  if (session.kind !== 'live') return fail(appError('not-sharing'));
  const renewal = renewLink(session.link);
  if (!renewal) return fail(appError('invalid-settings', 'the session has no valid link'));
  return ok(await dispatch({ type: 'new-link', ...renewal }));
}
