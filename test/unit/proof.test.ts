import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src/shared/base64url.js';
import { newNonce, newSessionKey } from '../../src/shared/ids.js';
import { computeProof, type ProofContext, verifyProof } from '../../src/shared/proof.js';

const key = newSessionKey();
const context: ProofContext = {
  nonce: newNonce(),
  sharerPeerId: 'db-sharer0000000000000000000',
  viewerPeerId: 'db-viewer0000000000000000000',
};
const mac = await computeProof(key, context);

describe('computeProof', () => {
  it('is a 32-byte HMAC in base64url', () => {
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is deterministic for the same key and context', async () => {
    expect(await computeProof(key, { ...context })).toBe(mac);
  });

  it('matches HMAC-SHA256 over the label, nonce and both peer ids', async () => {
    const raw = new Uint8Array(32).fill(1);
    const hmacKey = await crypto.subtle.importKey(
      'raw',
      raw,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const input = new TextEncoder().encode('deskbridge-proof/1\nn\ns\nv');
    const expected = toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, input)));
    const ctx = { nonce: 'n', sharerPeerId: 's', viewerPeerId: 'v' };
    expect(await computeProof(toBase64Url(raw), ctx)).toBe(expected);
  });

  it.each(['', 'not base64!', 'AAAAA'])('throws for the key %j', async (bad) => {
    await expect(computeProof(bad, context)).rejects.toThrow('The key is not valid base64url.');
  });
});

describe('verifyProof', () => {
  it('accepts the proof made with the same key and context', async () => {
    expect(await verifyProof(key, context, mac)).toBe(true);
  });

  const refusals: [string, string, ProofContext, string][] = [
    ['another key', newSessionKey(), context, mac],
    ['another nonce', key, { ...context, nonce: newNonce() }, mac],
    ['another sharer', key, { ...context, sharerPeerId: 'db-other' }, mac],
    ['another viewer', key, { ...context, viewerPeerId: 'db-other' }, mac],
    [
      'swapped peer ids',
      key,
      { ...context, sharerPeerId: context.viewerPeerId, viewerPeerId: context.sharerPeerId },
      mac,
    ],
    ['a truncated mac', key, context, mac.slice(0, 42)],
    ['a mac cut to 16 bytes', key, context, mac.slice(0, 22)],
    ['a mac with one more byte', key, context, toBase64Url(new Uint8Array(33))],
    ['a mac with one character changed', key, context, (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1)],
    ['an empty mac', key, context, ''],
    ['a garbage mac', key, context, '!!!not a mac!!!'],
    ['a padded mac', key, context, `${mac}=`],
    ['an empty key', '', context, mac],
    ['a key that is not base64url', 'k e y', context, mac],
  ];

  it.each(refusals)('refuses %s without throwing', async (_, k, ctx, m) => {
    await expect(verifyProof(k, ctx, m)).resolves.toBe(false);
  });
});
