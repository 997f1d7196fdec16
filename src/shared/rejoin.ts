import { fromBase64Url, toBase64Url } from './base64url.js';

/**
 * Rejoin without a new admission (issue #6). An admitted guest gets a random 256-bit token over
 * the encrypted data channel and keeps it in its tab (sessionStorage). Coming back (a reload),
 * it still proves the link's key as everyone does, and also proves the token: an HMAC under the
 * token over the sharer's fresh nonce, both peer ids and its client id, so the token itself never
 * travels again and a recorded proof is useless for any other join. The sharer honours it for
 * the client it was issued to while that guest is in, and for the grace period after it left;
 * each rejoin consumes the token and a new one is issued. Remove revokes it.
 */
export interface RejoinContext {
  nonce: string;
  sharerPeerId: string;
  viewerPeerId: string;
  client: string;
}

const LABEL = 'deskbridge-rejoin/1';

function rejoinInput(context: RejoinContext): Uint8Array<ArrayBuffer> {
  const { nonce, sharerPeerId, viewerPeerId, client } = context;
  return new TextEncoder().encode([LABEL, nonce, sharerPeerId, viewerPeerId, client].join('\n'));
}

async function importToken(token: string, usage: 'sign' | 'verify'): Promise<CryptoKey | null> {
  const raw = fromBase64Url(token);
  if (raw?.length !== 32) return null;
  const algorithm = { name: 'HMAC', hash: 'SHA-256' };
  return crypto.subtle.importKey('raw', new Uint8Array(raw), algorithm, false, [usage]);
}

export async function computeRejoinProof(token: string, context: RejoinContext): Promise<string> {
  const key = await importToken(token, 'sign');
  if (!key) throw new Error('The rejoin token is not 32 bytes of base64url.');
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, rejoinInput(context))));
}

/** Constant-time (WebCrypto's verify); false for anything malformed, never throws. */
export async function verifyRejoinProof(
  token: string,
  context: RejoinContext,
  mac: string,
): Promise<boolean> {
  const macBytes = fromBase64Url(mac);
  if (macBytes?.length !== 32) return false;
  const key = await importToken(token, 'verify');
  if (!key) return false;
  return crypto.subtle.verify('HMAC', key, new Uint8Array(macBytes), rejoinInput(context));
}

/** One admitted client's standing: its token, which connection holds it, and when that left. */
export interface RejoinGrant {
  token: string;
  /** The viewer peer id the token was issued to. */
  holder: string;
  /** null while the holder is connected. */
  leftAt: number | null;
}

/** By client id. Pure: each function returns a new map. */
export type RejoinGrants = ReadonlyMap<string, RejoinGrant>;

export const NO_REJOINS: RejoinGrants = new Map();

/** An admitted guest gets a fresh token; any earlier one of that client is void. */
export function grantRejoin(
  grants: RejoinGrants,
  client: string,
  holder: string,
  token: string,
): RejoinGrants {
  return new Map(grants).set(client, { token, holder, leftAt: null });
}

/** The holder's connection closed (left, reloaded, fell silent): the grace period starts. */
export function rejoinHolderLeft(
  grants: RejoinGrants,
  client: string,
  holder: string,
  now: number,
): RejoinGrants {
  const grant = grants.get(client);
  if (!grant || grant.holder !== holder || grant.leftAt !== null) return grants;
  return new Map(grants).set(client, { ...grant, leftAt: now });
}

/** Removed (or otherwise cut off): the client must be admitted again. */
export function revokeRejoin(grants: RejoinGrants, client: string): RejoinGrants {
  if (!grants.has(client)) return grants;
  const next = new Map(grants);
  next.delete(client);
  return next;
}

/** The token a rejoin of `client` must prove now, or null: none, or the grace period is over. */
export function rejoinTokenFor(
  grants: RejoinGrants,
  client: string,
  now: number,
  graceMs: number,
): string | null {
  const grant = grants.get(client);
  if (!grant || graceMs <= 0) return null;
  if (grant.leftAt !== null && now - grant.leftAt > graceMs) return null;
  return grant.token;
}

/** Drops the grants whose grace period is over, so the map does not grow with departed guests. */
export function pruneRejoins(grants: RejoinGrants, now: number, graceMs: number): RejoinGrants {
  const expired = [...grants].filter(([, g]) => g.leftAt !== null && now - g.leftAt > graceMs);
  if (expired.length === 0) return grants;
  const next = new Map(grants);
  for (const [client] of expired) next.delete(client);
  return next;
}
