import { appError, fail, ok, type Result } from '../shared/errors.js';
import { newPeerId, newSessionId, newSessionKey } from '../shared/ids.js';
import { encodeLink } from '../shared/link.js';
import type { SessionState } from '../shared/session.js';
import { dispatch } from './coordinator.js';
import { loadSession } from './session-store.js';
import { loadSettings } from './settings-store.js';
import { renewal, routeFor, type ShareRoute } from './share-route.js';

function linkFor({ settings, relay }: ShareRoute, peerId: string, key: string): string {
  const { viewerUrl, signalling, iceServers, relayOnly = false } = settings;
  return encodeLink(viewerUrl, { peerId, key, signalling, iceServers, relay, relayOnly });
}

export async function startShare(tabId: number | null): Promise<Result<SessionState>> {
  if ((await loadSession()).kind !== 'idle') return fail(appError('already-sharing'));
  const peerId = newPeerId();
  const key = newSessionKey();
  // With a server address, the server says where signalling and the viewer are, and gives this
  // share a ticket for its relay: a server that cannot be reached is said at once.
  const routed = await routeFor(await loadSettings(), peerId);
  if (!routed.ok) return fail(routed.error);
  const { route } = routed;
  const state = await dispatch({
    type: 'start',
    sessionId: newSessionId(),
    tabId,
    peerId,
    key,
    link: linkFor(route, peerId, key),
    settings: route.settings,
    relay: route.relay,
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
  const renewed = await renewal(session.link, await loadSettings());
  if (!renewed.ok) return fail(renewed.error);
  return ok(await dispatch({ type: 'new-link', ...renewed.renewal }));
}
