import { toBase64Url } from '../shared/base64url.js';

const PREFIX = 'deskbridge.viewer.client.';
/** What the wire schema accepts for `hello.client`. */
const VALID = /^[A-Za-z0-9_-]{1,64}$/;

/** Used when storage is off, so joining again from the same page still reads as the same guest. */
const unsaved = new Map<string, string>();

const fresh = () => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

/**
 * This browser's own random id for one share (one sharer peer id), kept across reloads and
 * rejoins: the sharer recognises a guest it removed when they come back with the same link.
 * Storage can be off (private modes, blocked cookies): then a fresh id for this page's life.
 */
export function clientIdFor(sharerPeerId: string): string {
  const key = PREFIX + sharerPeerId;
  try {
    const saved = localStorage.getItem(key);
    if (saved !== null && VALID.test(saved)) return saved;
    const id = fresh();
    localStorage.setItem(key, id);
    return id;
  } catch {
    let id = unsaved.get(key);
    if (!id) {
      id = fresh();
      unsaved.set(key, id);
    }
    return id;
  }
}

/** New link: this browser stays the same guest of the share under its new peer id. */
export function moveClientId(from: string, to: string): void {
  const id = clientIdFor(from);
  try {
    localStorage.setItem(PREFIX + to, id);
  } catch {
    unsaved.set(PREFIX + to, id);
  }
}
