import type { BgToCs } from '../shared/protocol.js';
import type { SessionState } from '../shared/session.js';

/**
 * Firefox has no `storage.session.setAccessLevel`, so content scripts cannot read or observe
 * the session there. Each call tab's content script asks for the state once (`state/get`); its
 * tab is remembered here and sent every new state. Kept in `storage.session`: the event page
 * may unload between events.
 */
const TABS_KEY = 'deskbridge:session-tabs';

async function listeningTabs(): Promise<number[]> {
  const stored = (await chrome.storage.session.get(TABS_KEY))[TABS_KEY];
  return Array.isArray(stored) ? stored.filter((id): id is number => typeof id === 'number') : [];
}

export async function rememberTab(tabId: number): Promise<void> {
  const tabs = await listeningTabs();
  if (!tabs.includes(tabId)) await chrome.storage.session.set({ [TABS_KEY]: [...tabs, tabId] });
}

/** Sends the state to every listening tab; a tab that no longer answers is forgotten. */
export async function pushSession(state: SessionState): Promise<void> {
  const tabs = await listeningTabs();
  const message: BgToCs = { to: 'cs', type: 'session', state };
  const gone = await Promise.all(
    tabs.map((id) =>
      chrome.tabs.sendMessage(id, message).then(
        () => null,
        () => id,
      ),
    ),
  );
  const left = tabs.filter((id) => !gone.includes(id));
  if (left.length !== tabs.length) await chrome.storage.session.set({ [TABS_KEY]: left });
}
