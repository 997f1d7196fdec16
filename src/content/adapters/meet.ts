import type { SiteAdapter } from './types.js';

/**
 * Google Meet. In a call the bottom bar holds the round buttons and the red "Leave call" one
 * (`button[aria-label="Leave call"]`, absent from the green room and the "You left" page).
 * The chat panel's box is a textarea labelled "Send a message". Fixture: sites/meet/.
 */
export const meet: SiteAdapter = {
  name: 'meet',
  hosts: ['meet.google.com'],
  inCall: 'button[aria-label="Leave call"]',
  toolbar: 'div[role="region"][aria-label="Call controls"]',
  before: 'button[aria-label="Leave call"]',
  chatInput: 'textarea[aria-label="Send a message"]',
  theme: 'dark',
};
