import type { SiteAdapter } from './types.js';

/**
 * Microsoft Teams on the web (teams.microsoft.com, teams.live.com, teams.cloud.microsoft).
 * Fixtures: sites/teams/ (classic call bar with `data-tid`s, light; the new Teams' bar with
 * ids only, dark). Sources:
 * - attendee-labs/attendee bots/teams_bot_adapter/teams_ui_methods.py: hang-up
 *   `[data-inp="hangup-button"], #hangup-button`; pre-join `[data-tid="prejoin-join-button"]`;
 *   `#callingButtons-showMoreBtn` in the call bar.
 * - attendee-labs/attendee bots/teams_bot_adapter/teams_chromedriver_payload.js: `button#chat-button`;
 *   chat box `[aria-label="Type a message"], [placeholder="Type a message"]`.
 * - Vexa-ai/vexa core/meetings/modules/join/src/msteams/selectors.ts: `button[data-tid="hangup-main-btn"]`,
 *   `[role="toolbar"] button[aria-label*="Leave"]`.
 * - vivek-nexus/transcriptonic extension/content-teams.js: `#prejoin-join-button` before the
 *   call, `#hangup-button` in it.
 * - screenappai/meeting-bot src/bots/MicrosoftTeamsBot.ts: pre-join name box
 *   `input[data-tid="prejoin-display-name-input"]`; `[data-tid="toggle-mute"]` is a switch on
 *   the pre-join screen, so it is no call signal.
 * - The classic bar's `data-tid="call-hangup"` and CKEditor box `[data-tid="ckeditor"]`: kept
 *   from the first adapter (its fixture, sites/teams/classic.html).
 */
export const teams: SiteAdapter = {
  name: 'teams',
  call: ['#callingButtons-showMoreBtn'],
  lobby: [
    '[data-tid="prejoin-join-button"]',
    '#prejoin-join-button',
    '[data-tid="prejoin-display-name-input"]',
  ],
  leave: [
    '#hangup-button',
    '[data-inp="hangup-button"]',
    '[data-tid="hangup-main-btn"]',
    '[data-tid="call-hangup"]',
  ],
  controls: ['#microphone-button', '#video-button', '#chat-button', '#callingButtons-showMoreBtn'],
  chatInput: [
    '[data-tid="ckeditor"][contenteditable="true"]',
    '[contenteditable="true"][aria-label="Type a message"]',
    '[contenteditable="true"][placeholder="Type a message"]',
  ],
  theme: 'auto',
};
