import type { SiteAdapter } from './types.js';

/**
 * Jitsi Meet, on meet.jit.si and self-hosted. Fixtures: sites/jitsi/ (a participant's toolbox,
 * English; a moderator's toolbox with the hang-up menu, French; a self-hosted build). Sources:
 * - jitsi/jitsi-meet react/features/toolbox/components/web/Toolbox.tsx: `#new-toolbox` >
 *   `.toolbox-content` > `.toolbox-content-wrapper` > `.toolbox-content-items`; the hang-up
 *   is `HangupButton` with the class `hangup-button`, or for a moderator `HangupMenuButton`.
 * - jitsi/jitsi-meet react/features/toolbox/components/web/HangupMenuButton.tsx: the menu's
 *   toggle has the class `hangup-menu-button`.
 * - jitsi/jitsi-meet lang/main-de.json: `toolbar.accessibilityLabel.hangup` is "Verlassen".
 * - jitsi/jitsi-meet react/features/chat/components/web/ChatInput.tsx: the chat box's id
 *   `chat-input-messagebox`.
 * - Vexa-ai/vexa core/meetings/modules/join/src/jitsi/selectors.ts: `[data-testid="toolbox.hangup"]`;
 *   conference `#largeVideoContainer`; prejoin `[data-testid="prejoin.joinMeeting"]`,
 *   `.premeeting-screen`, `#premeeting-name-input`; lobby `[data-testid="lobby.joiningMessage"]`,
 *   `.lobby-screen`.
 * Every Jitsi build loads `libs/app.bundle.min.js`, which is how a self-hosted one is recognised.
 */
export const jitsi: SiteAdapter = {
  name: 'jitsi',
  call: ['#videoconference_page', '#largeVideoContainer'],
  lobby: [
    '.premeeting-screen',
    '#premeeting-name-input',
    '[data-testid="prejoin.joinMeeting"]',
    '[data-testid="lobby.joiningMessage"]',
    '.lobby-screen',
  ],
  leave: ['.hangup-button', '.hangup-menu-button', '[data-testid="toolbox.hangup"]'],
  toolbar: ['#new-toolbox .toolbox-content-items'],
  chatInput: ['textarea#chat-input-messagebox', '#chat-input-messagebox textarea'],
  theme: 'dark',
  signature: 'script[src*="libs/app.bundle"]',
};
