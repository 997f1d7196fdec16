import { createTranslator, type MessageKey, type Translator } from '../../shared/i18n.js';
import { CaptureError, PICKER_TIMEOUT_MS } from './capture.js';

/**
 * Firefox: `getDisplayMedia` needs a user gesture in the calling page, so the sharing page
 * shows "Choose what to share" and opens the picker from that click. After the choice the
 * sharer goes back to the call; closing this page ends the share, and it says so first.
 */
export function chooseOnPage(
  capture: () => Promise<MediaStream>,
  signal: AbortSignal,
): Promise<MediaStream> {
  const view = render();
  return new Promise<MediaStream>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new CaptureError('capture-timeout', 'nobody chose what to share')),
      PICKER_TIMEOUT_MS,
    );
    signal.addEventListener('abort', () => clearTimeout(timer));
    view.button.addEventListener(
      'click',
      (event) => {
        if (!event.isTrusted) return;
        clearTimeout(timer);
        view.button.disabled = true;
        view.status.textContent = t('hostPageChoosing');
        // Called in the click's own task: the gesture is what lets Firefox open the picker.
        capture().then((stream) => {
          showLive(view, signal);
          void backToCall();
          resolve(stream);
        }, reject);
      },
      { once: true, signal },
    );
  });
}

/**
 * Looked up on first use: Chrome's offscreen document (which bundles this module unused) has
 * no `chrome.i18n`, so nothing here may touch it while the module loads.
 */
let translator: Translator | null = null;
function t(key: MessageKey): string {
  translator ??= createTranslator(
    (name, substitutions) => chrome.i18n.getMessage(name, substitutions),
    chrome.i18n.getUILanguage(),
  );
  return translator.t(key);
}

interface View {
  button: HTMLButtonElement;
  status: HTMLElement;
}

function render(): View {
  const root = document.getElementById('host-page') ?? document.body;
  const heading = Object.assign(document.createElement('h1'), { textContent: t('hostPageTitle') });
  const intro = Object.assign(document.createElement('p'), { textContent: t('hostPageIntro') });
  const button = Object.assign(document.createElement('button'), {
    type: 'button',
    textContent: t('hostPageChoose'),
  });
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  const warning = Object.assign(document.createElement('p'), {
    textContent: t('hostPageKeepOpen'),
  });
  root.replaceChildren(heading, intro, button, status, warning);
  button.focus();
  return { button, status };
}

function showLive(view: View, signal: AbortSignal): void {
  view.button.hidden = true;
  view.status.textContent = t('hostPageLive');
  document.title = `● ${t('hostPageTitle')}`;
  // Closing the page ends the share: the browser asks first while it runs.
  addEventListener(
    'beforeunload',
    (event) => {
      event.preventDefault();
      event.returnValue = t('hostPageKeepOpen');
    },
    { signal },
  );
  signal.addEventListener('abort', () => {
    view.status.textContent = t('hostPageEnded');
    document.title = t('hostPageTitle');
  });
}

/** The call the share was started from opened this tab: the sharer returns to it. */
async function backToCall(): Promise<void> {
  const opener = (await chrome.tabs.getCurrent())?.openerTabId;
  if (opener !== undefined) await chrome.tabs.update(opener, { active: true }).catch(() => {});
}
