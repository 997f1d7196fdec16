import * as v from 'valibot';
import { type AppError, appError, fail, ok, type Result } from '../shared/errors.js';
import { newPeerId, newSessionId, newSessionKey } from '../shared/ids.js';
import { decodeLinkFragment, encodeLink } from '../shared/link.js';
import type { HostToBg } from '../shared/protocol.js';
import {
  HostToBgSchema,
  PopupShareSchema,
  SETTINGS_STORAGE_KEY,
  UiToBgSchema,
} from '../shared/protocol.js';
import type { SessionState } from '../shared/session.js';
import { type Settings, settingsOrDefault } from '../shared/settings.js';
import { dispatch } from './coordinator.js';
import { loadSession } from './session-store.js';

type Sender = chrome.runtime.MessageSender;

const extensionPage = (sender: Sender, page: string) =>
  sender.url === chrome.runtime.getURL(page) ||
  sender.url?.startsWith(`${chrome.runtime.getURL(page)}?`);

/**
 * The trust gate: a message is looked at only if it comes from this extension, and is then
 * parsed by the schema of the part that sent it. Web pages cannot reach this listener at all
 * (no `externally_connectable`); content scripts are told apart by `sender.tab`.
 */
export async function route(message: unknown, sender: Sender): Promise<Result<unknown>> {
  if (sender.id !== chrome.runtime.id) return fail(appError('invalid-message', 'foreign sender'));
  if (extensionPage(sender, 'offscreen.html')) {
    const parsed = v.safeParse(HostToBgSchema, message);
    if (!parsed.success) return rejected('host', parsed.issues[0].message);
    return ok(await onHostMessage(parsed.output as HostToBg));
  }
  const parsed = v.safeParse(UiToBgSchema, message);
  if (!parsed.success) return rejected('ui', parsed.issues[0].message);
  switch (parsed.output.type) {
    case 'share/start': {
      const tabId = sender.tab?.id ?? v.parse(PopupShareSchema, message).tabId ?? null;
      return startShare(tabId);
    }
    case 'share/stop':
      return ok(await dispatch({ type: 'stop' }));
    case 'share/new-link':
      return newLink();
    case 'guest/decide': {
      const { peerId, decision } = parsed.output;
      return ok(await dispatch({ type: 'guest-decision', peerId, decision }));
    }
    case 'state/get':
      return ok(await loadSession());
  }
}

function rejected(from: string, reason: string): Result<never> {
  console.warn(`dropped a malformed ${from} message: ${reason}`);
  return fail(appError('invalid-message', reason));
}

async function loadSettings(): Promise<Settings> {
  const stored = await chrome.storage.local.get(SETTINGS_STORAGE_KEY);
  return settingsOrDefault(stored[SETTINGS_STORAGE_KEY]);
}

function linkFor(settings: Settings, peerId: string, key: string): string {
  const { viewerUrl, signalling, iceServers } = settings;
  return encodeLink(viewerUrl, { peerId, key, signalling, iceServers });
}

async function startShare(tabId: number | null): Promise<Result<SessionState>> {
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
async function newLink(): Promise<Result<SessionState>> {
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

function onHostMessage(message: HostToBg): Promise<SessionState> {
  const { sessionId } = message;
  switch (message.type) {
    case 'host/ready':
      return dispatch({ type: 'host-ready', sessionId, surface: message.surface, now: Date.now() });
    case 'host/failed':
      return dispatch({ type: 'host-failed', sessionId, error: message.error as AppError });
    case 'host/ended':
      return dispatch({ type: 'host-ended', sessionId });
    case 'host/guests':
      return dispatch({
        type: 'guests',
        sessionId,
        guests: message.guests,
        rejectedAttempts: message.rejectedAttempts,
      });
  }
}
