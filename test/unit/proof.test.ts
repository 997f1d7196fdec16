import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src/shared/base64url.js';
import { newNonce, newSessionKey } from '../../src/shared/ids.js';
import {
  computeProof,
  type ProofContext,
  verificationWords,
  verifyProof,
} from '../../src/shared/proof.js';
import { VERIFICATION_WORDS } from '../../src/shared/verification-words.js';
import { parseViewerMessage } from '../../src/shared/wire.js';

const SHARER_FP = `sha-256 ${'5A:'.repeat(31)}C3`;
const VIEWER_FP = `sha-256 ${'E1:'.repeat(31)}07`;
/** What a relay that terminates DTLS on both sides would present instead. */
const RELAY_FP_1 = `sha-256 ${'99:'.repeat(31)}01`;
const RELAY_FP_2 = `sha-256 ${'88:'.repeat(31)}02`;

const key = newSessionKey();
const context: ProofContext = {
  nonce: newNonce(),
  sharerPeerId: 'db-sharer0000000000000000000',
  viewerPeerId: 'db-viewer0000000000000000000',
  sharerFingerprint: SHARER_FP,
  viewerFingerprint: VIEWER_FP,
};
const mac = await computeProof(key, context, 'guest');

const flipLast = (text: string) => text.slice(0, -1) + (text.endsWith('1') ? '2' : '1');

describe('computeProof', () => {
  it('is a 32-byte HMAC in base64url', () => {
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is deterministic for the same key and context', async () => {
    expect(await computeProof(key, { ...context }, 'guest')).toBe(mac);
  });

  it.each([
    ['nonce', { nonce: newNonce() }],
    ['sharer peer id', { sharerPeerId: 'db-other' }],
    ['viewer peer id', { viewerPeerId: 'db-other' }],
    ['sharer fingerprint', { sharerFingerprint: flipLast(SHARER_FP) }],
    ['viewer fingerprint', { viewerFingerprint: flipLast(VIEWER_FP) }],
  ] as [string, Partial<ProofContext>][])('changes when the %s changes', async (_, change) => {
    expect(await computeProof(key, { ...context, ...change }, 'guest')).not.toBe(mac);
  });

  it('matches HMAC-SHA256 over the label, nonce, both peer ids and both fingerprints', async () => {
    // A known answer: the viewer is a web app that may be a different build from the extension.
    const raw = new Uint8Array(32).fill(1);
    const hmacKey = await crypto.subtle.importKey(
      'raw',
      raw,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const input = new TextEncoder().encode('deskbridge-proof/3\nn\ns\nv\nsha-256 AA\nsha-256 BB');
    const expected = toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, input)));
    const ctx: ProofContext = {
      nonce: 'n',
      sharerPeerId: 's',
      viewerPeerId: 'v',
      sharerFingerprint: 'sha-256 AA',
      viewerFingerprint: 'sha-256 BB',
    };
    expect(await computeProof(toBase64Url(raw), ctx, 'guest')).toBe(expected);
  });

  it('keeps the fields apart: moving text from one field to the next changes the proof', async () => {
    const a = await computeProof(key, { ...context, nonce: 'ab', sharerPeerId: 'c' }, 'guest');
    const b = await computeProof(key, { ...context, nonce: 'a', sharerPeerId: 'bc' }, 'guest');
    expect(a).not.toBe(b);
  });

  it('changes with the key', async () => {
    expect(await computeProof(newSessionKey(), context, 'guest')).not.toBe(mac);
  });

  it('is a proof message the wire accepts, with the fingerprints it covers', () => {
    const message = {
      v: 2,
      type: 'proof',
      mac,
      sharerFingerprint: context.sharerFingerprint,
      viewerFingerprint: context.viewerFingerprint,
    };
    expect(parseViewerMessage(message)).toEqual({ ok: true, message });
  });

  it.each(['', 'not base64!', 'AAAAA'])('throws for the key %j', async (bad) => {
    await expect(computeProof(bad, context, 'guest')).rejects.toThrow(
      'The key is not valid base64url.',
    );
  });
});

describe('verifyProof', () => {
  it('accepts the proof made with the same key and context', async () => {
    expect(await verifyProof(key, context, mac, 'guest')).toBe(true);
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
    await expect(verifyProof(k, ctx, m, 'guest')).resolves.toBe(false);
  });
});

/**
 * The man-in-the-middle defence: a signalling server that swaps SDP ends two DTLS sessions, so
 * the viewer and the sharer see different certificates. The viewer's proof covers what it saw;
 * the sharer checks it against what it sees. Rewriting the fingerprints sent in clear beside the
 * MAC must not help, so the MAC itself has to cover them.
 */
describe('verifyProof binds both DTLS fingerprints', () => {
  const fingerprintRefusals: [string, Partial<ProofContext>][] = [
    ['swapped fingerprints', { sharerFingerprint: VIEWER_FP, viewerFingerprint: SHARER_FP }],
    ['an altered sharer fingerprint', { sharerFingerprint: flipLast(SHARER_FP) }],
    ['an altered viewer fingerprint', { viewerFingerprint: flipLast(VIEWER_FP) }],
    ['another hash algorithm named', { sharerFingerprint: SHARER_FP.replace('sha-256', 'sha-1') }],
    ['both fingerprints the same', { viewerFingerprint: SHARER_FP }],
    ['empty fingerprints', { sharerFingerprint: '', viewerFingerprint: '' }],
  ];

  it.each(fingerprintRefusals)('refuses a proof checked with %s', async (_, change) => {
    await expect(verifyProof(key, { ...context, ...change }, mac, 'guest')).resolves.toBe(false);
  });

  it('refuses a proof relayed by a man in the middle', async () => {
    // The viewer sees the relay's certificate where the sharer's should be, and vice versa.
    const viewerView: ProofContext = { ...context, sharerFingerprint: RELAY_FP_1 };
    const sharerView: ProofContext = { ...context, viewerFingerprint: RELAY_FP_2 };
    const relayed = await computeProof(key, viewerView, 'guest');
    // The sharer always verifies against its own view, whatever the clear-text fields claim.
    await expect(verifyProof(key, sharerView, relayed, 'guest')).resolves.toBe(false);
  });

  it('accepts a proof when both sides see the same two certificates', async () => {
    const viewerView: ProofContext = { ...context };
    const sharerView: ProofContext = { ...context };
    await expect(
      verifyProof(key, sharerView, await computeProof(key, viewerView, 'guest'), 'guest'),
    ).resolves.toBe(true);
  });
});

/** Issue #14, finding 4: the host proves the key too, and one side's proof is never the other's. */
describe('the host’s proof', () => {
  it('is made and checked with the host label', async () => {
    const hostMac = await computeProof(key, context, 'host');
    await expect(verifyProof(key, context, hostMac, 'host')).resolves.toBe(true);
  });

  it('is not the guest’s proof over the same context, nor accepted as it', async () => {
    const hostMac = await computeProof(key, context, 'host');
    expect(hostMac).not.toBe(mac);
    await expect(verifyProof(key, context, hostMac, 'guest')).resolves.toBe(false);
    await expect(verifyProof(key, context, mac, 'host')).resolves.toBe(false);
  });

  it('fails for an impostor without the key', async () => {
    const forged = await computeProof(newSessionKey(), context, 'host');
    await expect(verifyProof(key, context, forged, 'host')).resolves.toBe(false);
  });
});

describe('verificationWords', () => {
  const words = (k: string, sharer: string, viewer: string) =>
    verificationWords(k, sharer, viewer, VERIFICATION_WORDS);

  it('gives four words from the list, the same on both sides', async () => {
    const mine = await words(key, SHARER_FP, VIEWER_FP);
    expect(mine).toHaveLength(4);
    for (const word of mine) expect(VERIFICATION_WORDS).toContain(word);
    expect(await words(key, SHARER_FP, VIEWER_FP)).toEqual(mine);
  });

  it('differs on the two sides of a man in the middle who holds the key', async () => {
    // Each side sees the relay's certificate where the other's should be.
    const atViewer = await words(key, RELAY_FP_1, VIEWER_FP);
    const atSharer = await words(key, SHARER_FP, RELAY_FP_2);
    expect(atViewer).not.toEqual(atSharer);
  });

  it('changes with the key', async () => {
    expect(await words(newSessionKey(), SHARER_FP, VIEWER_FP)).not.toEqual(
      await words(key, SHARER_FP, VIEWER_FP),
    );
  });
});
