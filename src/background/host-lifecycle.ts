import type { BgToHost } from '../shared/protocol.js';
import { closeHostPage, hostPageExists, openHostPage } from './host-page-firefox.js';

const HOST_PATH = 'offscreen.html';

/** One offscreen document per extension: concurrent callers share one creation. */
let creating: Promise<void> | null = null;

/** Feature-detected, never assumed: Firefox has no offscreen API. */
const hasOffscreen = () => typeof chrome.offscreen?.createDocument === 'function';

export async function hostExists(): Promise<boolean> {
  if (!hasOffscreen()) return hostPageExists();
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(HOST_PATH)],
  });
  return contexts.length > 0;
}

export async function openHost(): Promise<void> {
  if (!hasOffscreen()) return openHostPage();
  if (await hostExists()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: HOST_PATH,
      reasons: [
        chrome.offscreen.Reason.DISPLAY_MEDIA,
        chrome.offscreen.Reason.USER_MEDIA,
        chrome.offscreen.Reason.WEB_RTC,
      ],
      justification: 'Captures the shared screen and sends it peer to peer to admitted guests.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

export async function closeHost(): Promise<void> {
  if (!hasOffscreen()) return closeHostPage();
  await creating?.catch(() => {});
  if (await hostExists()) await chrome.offscreen.closeDocument();
}

export function sendToHost(message: BgToHost): Promise<unknown> {
  return chrome.runtime.sendMessage(message);
}
