import type { SiteAdapter } from './types.js';

/**
 * Google Meet (meet.google.com). Fixtures: sites/meet/ (call-controls region, English; a
 * redesign with no region role, German). Sources:
 * - attendee-labs/attendee bots/google_meet_bot_adapter/google_meet_ui_methods.py: hang-up
 *   `button[jsname="CQylAd"][aria-label="Leave call"]`; the green room's
 *   `input[type="text"][aria-label="Your name"]`.
 * - attendee-labs/attendee bots/google_meet_bot_adapter/google_meet_chromedriver_payload.js:
 *   chat box `textarea[aria-label="Send a message"]`, opened by "Chat with everyone".
 * - vivek-nexus/transcriptonic extension/content-google-meet.js: a call is on once the
 *   `.google-symbols` icon `call_end` shows (evidence.ts reads that icon on every site).
 * - Vexa-ai/vexa core/meetings/modules/join/src/googlemeet/admission.ts, selectors.ts:
 *   `[data-self-name]` only in a call; `[data-participant-id]` also in the lobby (the self
 *   preview) and "Leave call" also in the waiting room, so neither is a call signal here.
 * - econnelly/google-meet-unmuter src/inject.ts: microphone and camera are
 *   `button[data-is-muted]`.
 * - screenappai/meeting-bot src/bots/GoogleMeetBot.ts: German "Anruf verlassen" (Leave call).
 * Not read: generated class names, which change with each release.
 */
export const meet: SiteAdapter = {
  name: 'meet',
  call: ['[data-self-name]'],
  lobby: ['input[type="text"][aria-label="Your name"]'],
  leave: ['button[jsname="CQylAd"]'],
  controls: ['button[data-is-muted]'],
  chatInput: ['textarea[aria-label="Send a message"]', 'textarea[aria-label="Nachricht senden"]'],
  theme: 'dark',
};
