import { dispatch, reconcile } from './coordinator.js';
import { route } from './router.js';
import { loadSession, shareSessionWithContentScripts } from './session-store.js';

// Listeners are registered synchronously at the top level, so a wake-up event is never missed.
chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  const addressed =
    typeof message === 'object' && message !== null && (message as { to?: unknown }).to === 'bg';
  if (!addressed) return false;
  route(message, sender).then(sendResponse, (error: unknown) => {
    console.error('message handling failed', error);
    sendResponse({ ok: false, error: { code: 'host-failed', message: String(error) } });
  });
  return true;
});

// The call ends with the tab it was started from.
chrome.tabs.onRemoved.addListener((tabId) => {
  void loadSession().then((state) => {
    if (state.kind !== 'idle' && state.tabId === tabId) void dispatch({ type: 'stop' });
  });
});

void shareSessionWithContentScripts();
void reconcile();
