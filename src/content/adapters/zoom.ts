import type { SiteAdapter } from './types.js';

/**
 * Zoom's web client (app.zoom.us/wc, *.zoom.us/wc). The meeting renders inside
 * `iframe#webclient`, so the content script also runs in frames there; the top page never
 * shows a call. Fixtures: sites/zoom/ (the meeting frame of the React client; the classic
 * client's footer). Sources:
 * - Vexa-ai/vexa services/vexa-bot/core/src/platforms/zoom/web/selectors.ts: React client
 *   preview `button.preview-join-button`, `#input-for-name`; in the meeting
 *   `button[aria-label="Leave"].footer-button-base__button`, `button.join-audio-container__btn`,
 *   `button.send-video-container__btn`, `.meeting-app`; chat box
 *   `.chat-rtf-box__editor-outer [contenteditable="true"]`.
 * - Vexa-ai/vexa core/meetings/modules/join/src/zoom/selectors.ts: the classic client
 *   (`/wc/join/<id>`): `#inputname`, `#joinBtn`.
 * - vivek-nexus/transcriptonic extension/content-zoom.js: `#webclient`, `#audioOptionMenu` once
 *   in the meeting, `.footer__leave-btn-container`.
 * - screenappai/meeting-bot src/bots/ZoomBot.ts: `iframe#webclient`, `#wc-footer`.
 * - The classic footer `#foot-bar` and `.footer__leave-btn`: kept from the first adapter
 *   (its fixture, sites/zoom/classic.html).
 */
export const zoom: SiteAdapter = {
  name: 'zoom',
  call: ['.meeting-app', '#audioOptionMenu', '#wc-footer'],
  lobby: ['button.preview-join-button', '#input-for-name', '#joinBtn', '#inputname'],
  leave: [
    '.footer__leave-btn',
    '.footer__leave-btn-container',
    'button.footer-button-base__button[aria-label="Leave"]',
  ],
  controls: ['button.join-audio-container__btn', 'button.send-video-container__btn'],
  toolbar: ['#foot-bar', '#wc-footer .footer__inner'],
  chatInput: ['.chat-rtf-box__editor-outer [contenteditable="true"]'],
  theme: 'dark',
};
