import type { BgToHost } from '../shared/protocol.js';
import * as firefoxHostPage from './host-page-firefox.js';
import * as offscreenDocument from './offscreen-document.js';

/**
 * Where the media host lives: Chrome's offscreen document, or Firefox's pinned extension tab
 * (Firefox has no offscreen API). The build constant keeps one of them per bundle.
 */
const host = __BROWSER__ === 'firefox' ? firefoxHostPage : offscreenDocument;

export const hostExists = (): Promise<boolean> => host.exists();
export const openHost = (): Promise<void> => host.open();
export const closeHost = (): Promise<void> => host.close();
/** Firefox: the sharing tab was closed. Chrome's offscreen document is no tab. */
export const isHostTab = (tabId: number): Promise<boolean> =>
  __BROWSER__ === 'firefox' ? firefoxHostPage.isHostTab(tabId) : Promise.resolve(false);

export function sendToHost(message: BgToHost): Promise<unknown> {
  return chrome.runtime.sendMessage(message);
}
