import type { SiteAdapter } from './types.js';

/**
 * Microsoft Teams on the web. In a meeting the call bar is a `role="toolbar"` holding the
 * hang-up button `#hangup-button` (`data-tid="call-hangup"`); the pre-join screen has
 * `data-tid="prejoin-join-button"` instead. The chat box is a CKEditor contenteditable
 * (`data-tid="ckeditor"`). Teams follows the user's light or dark theme. Fixture: sites/teams/.
 */
export const teams: SiteAdapter = {
  name: 'teams',
  hosts: ['teams.microsoft.com', 'teams.live.com'],
  inCall: '[data-tid="call-hangup"]',
  toolbar: '[role="toolbar"]:has([data-tid="call-hangup"])',
  before: '[data-tid="call-hangup"]',
  chatInput: '[data-tid="ckeditor"][contenteditable="true"]',
  theme: 'auto',
};
