import { SETTINGS_STORAGE_KEY } from '../shared/protocol.js';
import { type Settings, settingsOrDefault } from '../shared/settings.js';

/** The settings as a share uses them: stored ones over the defaults (never a corrupt store). */
export async function loadSettings(): Promise<Settings> {
  const stored = await chrome.storage.local.get(SETTINGS_STORAGE_KEY);
  return settingsOrDefault(stored[SETTINGS_STORAGE_KEY]);
}
