import { loadSession } from './session-store.js';

/**
 * Firefox has no offscreen documents: the media host runs in a visible, pinned extension tab,
 * where the sharer's click opens the picker (`offscreen/choose-on-page-firefox.ts`). Same page,
 * same module as Chrome's. Its tab id is kept in `storage.session`: the event page may unload.
 */
const HOST_TAB_KEY = 'deskbridge:host-tab';
const hostUrl = () => chrome.runtime.getURL('offscreen.html');

async function hostTab(): Promise<number | null> {
  const id = (await chrome.storage.session.get(HOST_TAB_KEY))[HOST_TAB_KEY];
  if (typeof id !== 'number') return null;
  const tab = await chrome.tabs.get(id).catch(() => null);
  return tab?.url?.startsWith(hostUrl()) ? id : null;
}

export async function exists(): Promise<boolean> {
  return (await hostTab()) !== null;
}

export async function open(): Promise<void> {
  if (await exists()) return;
  // Opened from the call's tab, so the page can send the sharer back there after the choice.
  const session = await loadSession();
  const opener = session.kind === 'idle' ? null : session.tabId;
  const tab = await chrome.tabs.create({
    url: hostUrl(),
    pinned: true,
    active: true,
    ...(opener === null ? {} : { openerTabId: opener }),
  });
  await chrome.storage.session.set({ [HOST_TAB_KEY]: tab.id });
  // The page registers its message listener when its script runs: wait for it to answer.
  for (let attempt = 0; attempt < 50; attempt++) {
    const reply = await chrome.runtime
      .sendMessage({ to: 'host', type: 'host/ping' })
      .catch(() => null);
    if (reply) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the sharing page did not start');
}

export async function close(): Promise<void> {
  const id = await hostTab();
  await chrome.storage.session.remove(HOST_TAB_KEY);
  if (id !== null) await chrome.tabs.remove(id).catch(() => {});
}

/** Whether a closed tab was the sharing page (closing it ends the share). */
export async function isHostTab(tabId: number): Promise<boolean> {
  return (await chrome.storage.session.get(HOST_TAB_KEY))[HOST_TAB_KEY] === tabId;
}
