import { forgetTab } from './capture-handles.js';
import { attachedEpoch } from './control/runtime.js';
import { dispatch, dispatchControl, reconcile } from './coordinator.js';
import { watchCustomDomains } from './custom-domains.js';
import { isHostTab } from './host-lifecycle.js';
import { watchQualitySettings } from './quality-sync.js';
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

// The call ends with the tab it was started from; the share, with Firefox's sharing tab.
chrome.tabs.onRemoved.addListener((tabId) => {
  void forgetTab(tabId);
  void loadSession().then((state) => {
    if (state.kind !== 'idle' && state.tabId === tabId) void dispatch({ type: 'stop' });
  });
  // Closing Firefox's sharing tab is the sharer's own way to stop (the page said so first).
  void isHostTab(tabId).then((closed) => {
    if (closed) void dispatch({ type: 'stop' });
  });
});

// The sharer's shortcut takes control back at once, whatever has focus in the browser.
chrome.commands?.onCommand.addListener((command) => {
  if (command === 'take-back-control') void dispatchControl({ type: 'take-back' });
});

// The debugger bar's Cancel, a closed tab or DevTools taking over: the grant cannot go on.
// (Chrome only: Firefox has no debugger API, and no tab control.)
if (__BROWSER__ === 'chrome') {
  chrome.debugger?.onDetach.addListener((source) => {
    void loadSession().then((state) => {
      const controlled = state.kind === 'live' && state.control.holder?.scope === 'tab';
      if (controlled && source.tabId === state.capturedTabId && attachedEpoch() !== null) {
        void dispatchControl({ type: 'executor-lost' });
      }
    });
  });
}

// A call site whose access the user withdrew in the browser's settings loses its registration.
watchCustomDomains();
watchQualitySettings();

void shareSessionWithContentScripts();
void reconcile();
