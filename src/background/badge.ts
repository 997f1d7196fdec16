import { badgeText, type SessionState } from '../shared/session.js';

export async function showBadge(state: SessionState): Promise<void> {
  await chrome.action.setBadgeBackgroundColor({
    color: state.kind === 'live' ? '#c62828' : '#555',
  });
  await chrome.action.setBadgeText({ text: badgeText(state) });
}
