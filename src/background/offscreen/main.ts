import { assertNever } from '../../shared/errors.js';
import type { BgToHost, HostToBg } from '../../shared/protocol.js';
import type { QualitySettings } from '../../shared/quality.js';
import { captureDisplay } from './capture.js';
import { chooseOnPage } from './choose-on-page-firefox.js';
import { MediaHost } from './media-host.js';

/**
 * The media host page. Chrome: the offscreen document the coordinator creates per session;
 * Firefox: a pinned tab where the sharer clicks "Choose what to share". It accepts orders only from this extension's own worker (a message without a tab).
 */
let host: MediaHost | null = null;

/** The build constant keeps one of the two per bundle. */
const capture =
  __BROWSER__ === 'firefox'
    ? (quality: QualitySettings, signal: AbortSignal) =>
        chooseOnPage(() => captureDisplay(quality), signal)
    : (quality: QualitySettings) => captureDisplay(quality);

function report(message: HostToBg): void {
  chrome.runtime.sendMessage(message).catch((error: unknown) => {
    console.warn('coordinator did not take', message.type, error);
  });
}

async function handle(message: BgToHost): Promise<unknown> {
  switch (message.type) {
    case 'host/start':
      if (host) return { ok: false, sessionId: host.sessionId };
      host = new MediaHost(message, report, capture);
      void host.start();
      return { ok: true };
    case 'host/stop':
      if (host?.sessionId === message.sessionId) {
        const stopping = host;
        host = null;
        await stopping.stop();
      }
      return { ok: true };
    case 'host/decide':
      if (host?.sessionId === message.sessionId) host.decide(message.peerId, message.decision);
      return { ok: true };
    case 'host/rekey':
      if (host?.sessionId === message.sessionId)
        void host.rekey(message.key, message.peerId, message.relay);
      return { ok: true };
    case 'host/control-notice':
      if (host?.sessionId === message.sessionId) host.notifyControl(message.peerId, message.notice);
      return { ok: true };
    case 'host/control-sync':
      if (host?.sessionId === message.sessionId) host.syncControl(message.epoch, message.holder);
      return { ok: true };
    case 'host/pointers':
      if (host?.sessionId === message.sessionId) host.setPointers(message.on);
      return { ok: true };
    case 'host/quality':
      if (host?.sessionId === message.sessionId) host.setQuality(message.quality);
      return { ok: true };
    case 'host/ping':
      return { ok: true, sessionId: host?.sessionId ?? null };
    default:
      return assertNever(message);
  }
}

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  const isOrder =
    typeof message === 'object' && message !== null && (message as { to?: unknown }).to === 'host';
  if (!isOrder || sender.id !== chrome.runtime.id || sender.tab) return false;
  handle(message as BgToHost).then(sendResponse, (error: unknown) =>
    sendResponse({ ok: false, error: String(error) }),
  );
  return true;
});

// Firefox: the sharer closed the sharing tab. Guests hear goodbye now, not after a timeout.
addEventListener('pagehide', () => void host?.stop());
