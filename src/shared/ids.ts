import { toBase64Url } from './base64url.js';

export const KEY_BYTES = 32;

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A 256-bit session key, base64url: it lives only in the link's fragment and the sharer. */
export function newSessionKey(): string {
  return toBase64Url(randomBytes(KEY_BYTES));
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** What a PeerJS peer id may look like (its own rule), for ids read from a link or a request. */
export const PEER_ID_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$/;

/**
 * A random peer id (128 bits in base36 letters and digits): unguessable and unlinkable, and it
 * fits PeerJS's id rule (letters and digits, with - and _ only inside).
 */
export function newPeerId(prefix = 'db'): string {
  // 26 chars from a 36-letter alphabet, rejection-sampled so every letter is equally likely.
  let id = '';
  while (id.length < 26) {
    for (const byte of randomBytes(32)) {
      if (byte < 252 && id.length < 26) id += ID_ALPHABET[byte % 36];
    }
  }
  return `${prefix}-${id}`;
}

export function newNonce(): string {
  return toBase64Url(randomBytes(32));
}

export function newSessionId(): string {
  return toBase64Url(randomBytes(12));
}
