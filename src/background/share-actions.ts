import { appError, fail, ok, type Result } from '../shared/errors.js';
import { newPeerId, newSessionId, newSessionKey } from '../shared/ids.js';
import { decodeLinkFragment, encodeLink } from '../shared/link.js';
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

/** A fresh key for the same peer: the old link stops working, guests already in stay. */
export async function newLink(): Promise<Result<SessionState>> {
  const session = await loadSession();
  if (session.kind !== 'live') return fail(appError('not-sharing'));
  // The session's own signalling and viewer settings, as they were when it started.
  const hash = session.link.indexOf('#');
  const base = decodeLinkFragment(session.link.slice(hash));
  if (!base.ok) return fail(appError('invalid-settings', base.reason));
  const key = newSessionKey();
  const link = encodeLink(session.link.slice(0, hash), { ...base.ticket, key });
  return ok(await dispatch({ type: 'new-link', key, link }));
}
