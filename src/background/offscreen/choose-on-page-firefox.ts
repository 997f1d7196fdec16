import { CaptureError, PICKER_TIMEOUT_MS } from './capture.js';
import { HOST_PAGE_TEXTS as TEXT } from './host-page-texts.js';

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
        view.status.textContent = TEXT.choosing;
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

interface View {
  button: HTMLButtonElement;
  status: HTMLElement;
}

function render(): View {
  const root = document.getElementById('host-page') ?? document.body;
  const heading = Object.assign(document.createElement('h1'), { textContent: TEXT.heading });
  const intro = Object.assign(document.createElement('p'), { textContent: TEXT.intro });
  const button = Object.assign(document.createElement('button'), {
    type: 'button',
    textContent: TEXT.choose,
  });
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  const warning = Object.assign(document.createElement('p'), { textContent: TEXT.keepOpen });
  root.replaceChildren(heading, intro, button, status, warning);
  button.focus();
  return { button, status };
}

function showLive(view: View, signal: AbortSignal): void {
  view.button.hidden = true;
  view.status.textContent = TEXT.live;
  document.title = `● ${TEXT.heading}`;
  // Closing the page ends the share: the browser asks first while it runs.
  addEventListener(
    'beforeunload',
    (event) => {
      event.preventDefault();
      event.returnValue = TEXT.keepOpen;
    },
    { signal },
  );
  signal.addEventListener('abort', () => {
    view.status.textContent = TEXT.ended;
    document.title = TEXT.heading;
  });
}

/** The call the share was started from opened this tab: the sharer returns to it. */
async function backToCall(): Promise<void> {
  const opener = (await chrome.tabs.getCurrent())?.openerTabId;
  if (opener !== undefined) await chrome.tabs.update(opener, { active: true }).catch(() => {});
}
