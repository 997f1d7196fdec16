/**
 * Firefox has no offscreen documents: the media host runs in a visible, pinned extension tab
 * (and its picker needs a click there — see issue 7). Same page, same module as Chrome's.
 */
const hostUrl = () => chrome.runtime.getURL('offscreen.html');

async function hostTabs(): Promise<chrome.tabs.Tab[]> {
  return chrome.tabs.query({ url: hostUrl() });
}

export async function exists(): Promise<boolean> {
  return (await hostTabs()).length > 0;
}

export async function open(): Promise<void> {
  if (await exists()) return;
  await chrome.tabs.create({ url: hostUrl(), pinned: true, active: true });
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
  const ids = (await hostTabs()).flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
  if (ids.length > 0) await chrome.tabs.remove(ids);
}
