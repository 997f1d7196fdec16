import type { SiteAdapter } from './types.js';

/**
 * Zoom's web client (app.zoom.us/wc, *.zoom.us/wc). The meeting renders inside
 * `iframe#webclient`, so the content script also runs in frames there; the top page has no
 * footer and so never counts as in a call. In the meeting the footer `#foot-bar` holds the
 * button groups and `.footer__leave-btn-container`. The chat box is a contenteditable editor in
 * the chat panel (`.chat-rtf-box__editor-outer [contenteditable]`). Fixture: sites/zoom/.
 */
export const zoom: SiteAdapter = {
  name: 'zoom',
  hosts: ['app.zoom.us', '.zoom.us'],
  inCall: '#foot-bar',
  toolbar: '#foot-bar',
  before: '.footer__leave-btn-container',
  chatInput: '.chat-rtf-box__editor-outer [contenteditable="true"]',
  theme: 'dark',
};
