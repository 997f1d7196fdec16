import type { SiteAdapter } from './types.js';

/**
 * Jitsi Meet, on meet.jit.si and self-hosted. The conference view is `#videoconference_page`
 * (the prejoin screen has none); the toolbox's buttons sit in `.toolbox-content-items` inside
 * `#new-toolbox`, the hang-up one labelled "Leave the meeting". The chat box is
 * `#chat-input-messagebox`. Every Jitsi build loads `libs/app.bundle.min.js`, which is how a
 * self-hosted one is recognised. Fixture: sites/jitsi/.
 */
export const jitsi: SiteAdapter = {
  name: 'jitsi',
  hosts: ['meet.jit.si'],
  inCall: '#videoconference_page',
  toolbar: '#new-toolbox .toolbox-content-items',
  before: '[aria-label="Leave the meeting"]',
  chatInput: 'textarea#chat-input-messagebox',
  theme: 'dark',
  signature: 'script[src*="libs/app.bundle"]',
};
