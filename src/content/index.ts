import { t } from '../extension-i18n.js';
import { toBase64Url } from '../shared/base64url.js';
import { appError, errorText, type Result } from '../shared/errors.js';
import { type BgToCs, SESSION_STORAGE_KEY, type UiToBg } from '../shared/protocol.js';
import type { SessionState } from '../shared/session.js';
import { answerSiteStatus } from './adapters/answer-status.js';
import { fillChatInput } from './adapters/chat.js';
import { adapterFor } from './adapters/choose.js';
import { keepPlaced } from './adapters/keep-placed.js';
import { chatInput } from './adapters/locate.js';
import { SharePanel } from './panel.js';

/**
 * Injected into call pages. It trusts nothing from the page: it listens to no page messages,
 * ignores synthetic clicks, and takes session state only from the extension.
 */
type Request = UiToBg extends infer M ? (M extends unknown ? Omit<M, 'to'> : never) : never;

async function ask(request: Request): Promise<Result<SessionState>> {
  try {
    return (await chrome.runtime.sendMessage({ ...request, to: 'bg' })) as Result<SessionState>;
  } catch (error) {
    return { ok: false, error: appError('extension-unreachable', String(error)) };
  }
}

/**
 * Marks this tab with a random capture handle and tells the extension, so that when this tab is
 * the one shared, the sharer knows which tab to control. The handle is readable only by the
 * extension's own origin.
 */
function registerCaptureHandle(): void {
  const mediaDevices = navigator.mediaDevices as MediaDevices & {
    setCaptureHandleConfig?: (config: object) => void;
  };
  if (typeof mediaDevices?.setCaptureHandleConfig !== 'function' || window !== window.top) return;
  const handle = toBase64Url(crypto.getRandomValues(new Uint8Array(18)));
  try {
    mediaDevices.setCaptureHandleConfig({
      handle,
      exposeOrigin: false,
      permittedOrigins: [new URL(chrome.runtime.getURL('')).origin],
    });
  } catch (error) {
    console.warn('Deskbridge: no capture handle, so this tab cannot be controlled', error);
    return;
  }
  void ask({ type: 'tab/capture-handle', handle });
}

function main(): void {
  // Once per frame, even where a registered domain and the manifest both match. The flag lives
  // in this extension's isolated world, where the page cannot set it.
  const scope = globalThis as { deskbridgeLoaded?: boolean };
  if (scope.deskbridgeLoaded) return;
  scope.deskbridgeLoaded = true;
  const lifetime = new AbortController();
  const act = async (request: Request) => {
    const reply = await ask(request);
    if (!reply.ok) panel.showError(errorText(reply.error, t));
  };
  const adapter = adapterFor(location, document);
  /** Where the site has a chat: the link goes into its message box, and the sharer sends it. */
  const postLink = (link: string) => {
    try {
      const input = chatInput(adapter, document);
      if (!input) return t('chatClosed');
      fillChatInput(input, link);
      return t('chatFilled');
    } catch (error) {
      console.warn(`Deskbridge: the ${adapter.name} adapter could not reach the chat`, error);
      return t('chatUnreachable');
    }
  };
  const panel = new SharePanel(
    {
      share: () => void act({ type: 'share/start' }),
      stop: () => void act({ type: 'share/stop' }),
      newLink: () => void act({ type: 'share/new-link' }),
      decideGuest: (peerId, decision) => void act({ type: 'guest/decide', peerId, decision }),
      decide: (peerId, decision) => void act({ type: 'control/decide', peerId, decision }),
      takeBack: () => void act({ type: 'control/take-back' }),
      allowPointers: (on) => void act({ type: 'share/pointers', on }),
      postLink: adapter.chatInput?.length ? postLink : undefined,
    },
    lifetime.signal,
  );
  // Call sites re-render their toolbars: the control follows, and leaves with the call.
  // The popup asks what was found (and whether the control fell back to floating).
  answerSiteStatus(keepPlaced(adapter, panel, lifetime.signal), lifetime.signal);

  registerCaptureHandle();
  // The sharer's own keyboard takes control back; the guest's injected keys could too, which
  // only ends their own grant.
  addEventListener(
    'keydown',
    (event) => {
      if (event.isTrusted && event.altKey && event.shiftKey && event.code === 'KeyX') {
        void act({ type: 'control/take-back' });
      }
    },
    { capture: true, signal: lifetime.signal },
  );

  // Guests' laser pointers (and, in Firefox, the session), from the extension's background
  // only (never from the page).
  chrome.runtime.onMessage.addListener((message: unknown, sender) => {
    const order = message as BgToCs | null;
    if (sender.id !== chrome.runtime.id || sender.tab || order?.to !== 'cs') return;
    if (order.type === 'pointer') panel.pointers.show(order);
    if (order.type === 'session') panel.render(order.state);
  });

  void ask({ type: 'state/get' }).then((reply) => reply.ok && panel.render(reply.value));
  chrome.storage.onChanged.addListener((changes, area) => {
    const change = changes[SESSION_STORAGE_KEY];
    if (area === 'session' && change?.newValue) panel.render(change.newValue as SessionState);
  });
}

main();
