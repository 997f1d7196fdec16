import type { SiteAdapter } from './types.js';

/**
 * Whereby. In a room the bottom bar is a `role="toolbar"` with a "Leave" button; the knock
 * and home pages have neither. The chat box is a textarea labelled "Chat message". Whereby's
 * room is light unless the host themed it. Fixture: sites/whereby/.
 */
export const whereby: SiteAdapter = {
  name: 'whereby',
  hosts: ['whereby.com'],
  inCall: '[role="toolbar"] button[aria-label="Leave"]',
  toolbar: '[role="toolbar"]:has(button[aria-label="Leave"])',
  before: 'button[aria-label="Leave"]',
  chatInput: 'textarea[aria-label="Chat message"]',
  theme: 'auto',
};
