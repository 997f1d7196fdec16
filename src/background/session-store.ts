import { SESSION_STORAGE_KEY } from '../shared/protocol.js';
import { IDLE, type SessionState } from '../shared/session.js';
import { pushSession } from './session-push-firefox.js';

/**
 * The session lives in `storage.session`, never only in memory: the worker is stopped when idle
 * and must resume from here on every wake. Content scripts may read it (they show the link).
 */
export async function loadSession(): Promise<SessionState> {
  const stored = await chrome.storage.session.get(SESSION_STORAGE_KEY);
  const state = stored[SESSION_STORAGE_KEY] as SessionState | undefined;
  return state && typeof state === 'object' && 'kind' in state ? state : IDLE;
}

export async function saveSession(state: SessionState): Promise<void> {
  await chrome.storage.session.set({ [SESSION_STORAGE_KEY]: state });
  // Chrome's content scripts observe storage; Firefox's are sent each state.
  if (__BROWSER__ === 'firefox') void pushSession(state);
}

/** Lets content scripts read and observe the session (they render the link and the guests). */
export async function shareSessionWithContentScripts(): Promise<void> {
  await chrome.storage.session.setAccessLevel?.({
    accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS',
  });
}
