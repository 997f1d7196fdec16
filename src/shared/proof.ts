import { fromBase64Url, toBase64Url } from './base64url.js';

/**
 * Each side proves it holds the link's key without sending it: HMAC-SHA256 over the *other*
 * side's fresh nonce, both peer ids and both DTLS fingerprints, under a label of its own role so
 * one side's proof is never the other's. The nonce and ids stop replays to another session or
 * peer; the fingerprints stop a signalling server that swaps SDP to sit in between (each side
 * puts in what it sees, so a man in the middle makes them differ). The guest proves it may ask
 * to watch; the host proves it is the one the link was made by, before the guest trusts a
 * picture, a control prompt or sends a key (issue #14, finding 4).
 */
export interface ProofContext {
  nonce: string;
  sharerPeerId: string;
  viewerPeerId: string;
  sharerFingerprint: string;
  viewerFingerprint: string;
}

/** Who proves: the guest (viewer) or the host (sharer). */
export type Prover = 'guest' | 'host';

const LABELS: Record<Prover, string> = {
  guest: 'deskbridge-proof/3',
  host: 'deskbridge-host-proof/1',
};

function proofInput(context: ProofContext, prover: Prover): Uint8Array<ArrayBuffer> {
  const { nonce, sharerPeerId, viewerPeerId, sharerFingerprint, viewerFingerprint } = context;
  const fields = [
    LABELS[prover],
    nonce,
    sharerPeerId,
    viewerPeerId,
    sharerFingerprint,
    viewerFingerprint,
  ];
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

export async function computeProof(
  key: string,
  context: ProofContext,
  prover: Prover,
): Promise<string> {
  const cryptoKey = await importKey(key, 'sign');
  if (!cryptoKey) throw new Error('The key is not valid base64url.');
  const mac = await crypto.subtle.sign('HMAC', cryptoKey, proofInput(context, prover));
  return toBase64Url(new Uint8Array(mac));
}

/** Constant-time check (WebCrypto's verify); false for anything malformed, never throws. */
export async function verifyProof(
  key: string,
  context: ProofContext,
  mac: string,
  prover: Prover,
): Promise<boolean> {
  const macBytes = fromBase64Url(mac);
  if (macBytes?.length !== 32) return false;
  const cryptoKey = await importKey(key, 'verify');
  if (!cryptoKey) return false;
  return crypto.subtle.verify(
    'HMAC',
    cryptoKey,
    new Uint8Array(macBytes),
    proofInput(context, prover),
  );
}

/**
 * Four words both sides show, to read aloud in the call: they come from the key and the two
 * fingerprints *each side sees*, so a man in the middle who holds the key (and so passes both
 * proofs) still shows each side different words. 32 bits: a guess is right one time in 4e9.
 */
export async function verificationWords(
  key: string,
  sharerFingerprint: string,
  viewerFingerprint: string,
  list: readonly string[],
): Promise<string[]> {
  const cryptoKey = await importKey(key, 'sign');
  if (!cryptoKey) throw new Error('The key is not valid base64url.');
  const input = ['deskbridge-words/1', sharerFingerprint, viewerFingerprint].join('\n');
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(input)),
  );
  return [...mac.slice(0, 4)].map((byte) => list[byte % list.length] ?? '?');
}
