import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromBase64Url } from '../../src/shared/base64url.js';
import {
  KEY_BYTES,
  newNonce,
  newPeerId,
  newSessionId,
  newSessionKey,
} from '../../src/shared/ids.js';
import { PEER_ID_PATTERN } from '../../src/shared/link.js';

const many = <T>(make: () => T, count = 1000) => Array.from({ length: count }, make);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('newSessionKey', () => {
  it('is 32 random bytes in canonical base64url', () => {
    expect(KEY_BYTES).toBe(32);
    const key = newSessionKey();
    expect(key).toHaveLength(43);
    expect(fromBase64Url(key)).toHaveLength(KEY_BYTES);
  });

  it('never repeats', () => {
    expect(new Set(many(newSessionKey)).size).toBe(1000);
  });
});

describe('newPeerId', () => {
  it('is the prefix, a dash and 26 lowercase letters or digits', () => {
    for (const id of many(() => newPeerId())) expect(id).toMatch(/^db-[a-z0-9]{26}$/);
    expect(newPeerId('guest')).toMatch(/^guest-[a-z0-9]{26}$/);
  });

  it('matches the peer id pattern that links are checked against', () => {
    for (const id of many(() => newPeerId())) expect(id).toMatch(PEER_ID_PATTERN);
  });

  it('never repeats', () => {
    expect(new Set(many(() => newPeerId(), 5000)).size).toBe(5000);
  });

  it('uses every letter of its alphabet', () => {
    const seen = new Set(many(() => newPeerId()).flatMap((id) => [...id.slice(3)]));
    expect([...seen].sort().join('')).toBe('0123456789abcdefghijklmnopqrstuvwxyz');
  });

  it('skips bytes 252..255 so that every letter is equally likely', () => {
    // 252 = 7 × 36: bytes above it would make the first four letters more likely.
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      bytes.fill(255);
      bytes.set([252, 253, 254, 0, 251, 36, 35]);
      return array;
    });
    // Each batch of 32 bytes yields only its four usable ones: 0→a, 251→9, 36→a, 35→9.
    expect(newPeerId()).toBe(`db-${'a9a9'.repeat(6)}a9`);
  });
});

describe('newNonce and newSessionId', () => {
  it('makes a nonce of 32 bytes and a session id of 12 bytes', () => {
    expect(fromBase64Url(newNonce())).toHaveLength(32);
    const sessionId = newSessionId();
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(fromBase64Url(sessionId)).toHaveLength(12);
  });

  it('never repeats', () => {
    expect(new Set(many(newNonce)).size).toBe(1000);
    expect(new Set(many(newSessionId)).size).toBe(1000);
  });
});
