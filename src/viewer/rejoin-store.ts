/**
 * This tab's rejoin token for one share, with the name it joined under: sessionStorage, so it
 * survives a reload of this tab but not the tab itself, and no other tab or window sees it.
 * Storage can be off (private modes): then there is simply no rejoin.
 */
const PREFIX = 'deskbridge.viewer.rejoin.';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface SavedRejoin {
  name: string;
  token: string;
}

export function loadRejoin(sharerPeerId: string): SavedRejoin | null {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(PREFIX + sharerPeerId) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return null;
    const { name, token } = saved as Record<string, unknown>;
    if (typeof name !== 'string' || name === '' || typeof token !== 'string') return null;
    return TOKEN.test(token) ? { name, token } : null;
  } catch {
    return null;
  }
}

export function saveRejoin(sharerPeerId: string, saved: SavedRejoin): void {
  try {
    sessionStorage.setItem(PREFIX + sharerPeerId, JSON.stringify(saved));
  } catch {
    // No storage, no rejoin.
  }
}

export function forgetRejoin(sharerPeerId: string): void {
  try {
    sessionStorage.removeItem(PREFIX + sharerPeerId);
  } catch {
    // Nothing was saved.
  }
}

/** New link: this tab's token for the share now goes with the share's new peer id. */
export function moveRejoin(from: string, to: string): void {
  const saved = loadRejoin(from);
  if (saved) saveRejoin(to, saved);
}
