import { HANDLES_STORAGE_KEY } from '../shared/protocol.js';

/**
 * Each call tab's content script sets a random capture handle and registers it here, so when a
 * tab is shared the media host can say which one (the handle travels with the captured track).
 */
type Handles = Record<string, number>;

async function load(): Promise<Handles> {
  return ((await chrome.storage.session.get(HANDLES_STORAGE_KEY))[HANDLES_STORAGE_KEY] ??
    {}) as Handles;
}

export async function registerCaptureHandle(handle: string, tabId: number): Promise<void> {
  const handles = await load();
  // One handle per tab: a reloaded page replaces its old one.
  for (const [old, id] of Object.entries(handles)) if (id === tabId) delete handles[old];
  handles[handle] = tabId;
  await chrome.storage.session.set({ [HANDLES_STORAGE_KEY]: handles });
}

export async function capturedTab(handle: string | null): Promise<number | null> {
  if (!handle) return null;
  return (await load())[handle] ?? null;
}

export async function forgetTab(tabId: number): Promise<void> {
  const handles = await load();
  const kept = Object.fromEntries(Object.entries(handles).filter(([, id]) => id !== tabId));
  await chrome.storage.session.set({ [HANDLES_STORAGE_KEY]: kept });
}
