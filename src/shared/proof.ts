import { fromBase64Url, toBase64Url } from './base64url.js';

/**
 * The viewer proves it holds the link's key without sending it: HMAC-SHA256 over the sharer's
 * fresh nonce, both peer ids and both DTLS fingerprints. The nonce and ids stop replays to
 * another session or peer; the fingerprints stop a signalling server that swaps SDP to sit in
 * between (each side puts in what it sees, so a man in the middle makes them differ).
 */
export interface ProofContext {
  nonce: string;
  sharerPeerId: string;
  viewerPeerId: string;
  sharerFingerprint: string;
  viewerFingerprint: string;
}

const LABEL = 'deskbridge-proof/2';

function proofInput(context: ProofContext): Uint8Array<ArrayBuffer> {
  const { nonce, sharerPeerId, viewerPeerId, sharerFingerprint, viewerFingerprint } = context;
  const fields = [LABEL, nonce, sharerPeerId, viewerPeerId, sharerFingerprint, viewerFingerprint];
  return new TextEncoder().encode(fields.join('\n'));
}

async function importKey(key: string, usage: 'sign' | 'verify'): Promise<CryptoKey | null> {
  const raw = fromBase64Url(key);
  if (!raw || raw.length === 0) return null;
  return crypto.subtle.importKey(
    'raw',
    new Uint8Array(raw),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [usage],
  );
}

export async function computeProof(key: string, context: ProofContext): Promise<string> {
  const cryptoKey = await importKey(key, 'sign');
  if (!cryptoKey) throw new Error('The key is not valid base64url.');
  const mac = await crypto.subtle.sign('HMAC', cryptoKey, proofInput(context));
  return toBase64Url(new Uint8Array(mac));
}

/** Constant-time check (WebCrypto's verify); false for anything malformed, never throws. */
export async function verifyProof(
  key: string,
  context: ProofContext,
  mac: string,
): Promise<boolean> {
  const macBytes = fromBase64Url(mac);
  if (macBytes?.length !== 32) return false;
  const cryptoKey = await importKey(key, 'verify');
  if (!cryptoKey) return false;
  return crypto.subtle.verify('HMAC', cryptoKey, new Uint8Array(macBytes), proofInput(context));
}
