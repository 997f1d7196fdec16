import type { SiteAdapter } from './types.js';

/**
 * Whereby (whereby.com). Its room marks its parts with `jstest-` classes, which it keeps for
 * its own tests. Fixtures: sites/whereby/ (the current room, English; an older room with the
 * `VideoToolbar` bar, Spanish). Sources:
 * - runeh/whereby-pip-extension src/content-script.ts: `.jstest-client-video`,
 *   `.jstest-local-client-video` (video tiles, only in a room).
 * - beeradmoore/Whereby-Helper "Browser Extension/content.js": `.jstest-mute-button`,
 *   `.jstest-toggle-video` (the room's microphone and camera buttons).
 * - balmychan/chrome-whereby-auto-mute src/main.js: the older bar's `.VideoToolbar-item--mic`.
 * - KYSergey/whereby-ext whereby.js: the older rooms' tiles `.WebRtcVideo`.
 * No public source names its hang-up or chat box: the hang-up is found by its label and red,
 * the chat box by its label (kept from the first adapter).
 */
export const whereby: SiteAdapter = {
  name: 'whereby',
  call: ['.jstest-client-video', '.jstest-local-client-video', '.WebRtcVideo'],
  leave: [],
  controls: ['.jstest-mute-button', '.jstest-toggle-video', '.VideoToolbar-item--mic'],
  toolbar: ['.VideoToolbar'],
  chatInput: ['textarea[aria-label="Chat message"]', 'textarea[aria-label="Mensaje de chat"]'],
  theme: 'auto',
};
