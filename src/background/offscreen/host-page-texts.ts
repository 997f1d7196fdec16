/** What the Firefox sharing page says (Chrome's offscreen document is never seen). */
export const HOST_PAGE_TEXTS = {
  heading: 'Deskbridge — sharing',
  choose: 'Choose what to share',
  intro:
    'Firefox asks what to share only after a click in this page. Choose your screen, a window or a tab.',
  choosing: 'Choose in the browser’s dialog…',
  live: 'Sharing. You can go back to your call: leave this tab open in the background.',
  keepOpen: 'Closing this tab ends the share.',
  ended: 'The share has ended. You can close this tab.',
} as const;
