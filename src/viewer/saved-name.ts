import { cleanName } from '../shared/wire.js';

const KEY = 'deskbridge.viewer.name';

/** Storage can be off (private modes, blocked cookies): a name we cannot keep is no error. */
export function loadName(): string {
  try {
    return cleanName(localStorage.getItem(KEY) ?? '');
  } catch {
    return '';
  }
}

export function saveName(name: string): void {
  try {
    localStorage.setItem(KEY, name);
  } catch {
    // Joining matters more than remembering the name.
  }
}
