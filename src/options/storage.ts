import { SETTINGS_STORAGE_KEY } from '../shared/protocol.js';
import {
  DEFAULT_SETTINGS,
  parseSettings,
  type Settings,
  settingsOrDefault,
} from '../shared/settings.js';

export interface Loaded {
  settings: Settings;
  /** Something was stored but could not be used, so the defaults stand in for it. */
  replaced: boolean;
}

export async function loadSettings(): Promise<Loaded> {
  const stored: unknown = (await chrome.storage.local.get(SETTINGS_STORAGE_KEY))[
    SETTINGS_STORAGE_KEY
  ];
  const usable =
    typeof stored === 'object' &&
    stored !== null &&
    parseSettings({ ...DEFAULT_SETTINGS, ...stored }).ok;
  return { settings: settingsOrDefault(stored), replaced: stored !== undefined && !usable };
}

/** The whole object, already accepted by `parseSettings`: the background reads it as is. */
export async function saveSettings(settings: Settings): Promise<void> {
  await chrome.storage.local.set({ [SETTINGS_STORAGE_KEY]: settings });
}
