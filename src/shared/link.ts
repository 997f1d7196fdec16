import * as v from 'valibot';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { KEY_BYTES, newPeerId, newSessionKey } from './ids.js';
import { type IceServer, IceServerSchema, type Signalling, SignallingSchema } from './settings.js';

/** Everything a guest needs to join, carried in the viewer URL's fragment (never sent to a server). */
export interface JoinTicket {
  peerId: string;
  key: string;
  signalling: Signalling;
  iceServers: IceServer[];
}

export const PEER_ID_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$/;

export function encodeLink(viewerUrl: string, ticket: JoinTicket): string {
  const { signalling: sig } = ticket;
  // The key comes first: where a narrow field shows the link's start, it is the masked part.
  const params = new URLSearchParams({
    k: ticket.key,
    s: ticket.peerId,
    h: sig.host,
    p: String(sig.port),
    pa: sig.path,
    tls: sig.secure ? '1' : '0',
  });
  if (sig.key !== 'peerjs') params.set('pk', sig.key);
  if (ticket.iceServers.length > 0) {
    params.set('ice', toBase64Url(new TextEncoder().encode(JSON.stringify(ticket.iceServers))));
  }
  return `${viewerUrl.replace(/#.*$/, '')}#${params.toString()}`;
}

/**
 * The same share's link with a new key and a new peer id (New link): the same viewer, signalling
 * and ICE servers, so guests in stay, while the old link reaches nobody. Null for a link that
 * is not one of ours.
 */
export function renewLink(link: string): { key: string; peerId: string; link: string } | null {
  const hash = link.indexOf('#');
  if (hash < 0) return null;
  const decoded = decodeLinkFragment(link.slice(hash));
  if (!decoded.ok) return null;
  const peerId = newPeerId();
  const key = newSessionKey();
  return { key, peerId, link: encodeLink(link.slice(0, hash), { ...decoded.ticket, peerId, key }) };
}

export type LinkResult = { ok: true; ticket: JoinTicket } | { ok: false; reason: string };

/** Parses a viewer URL's fragment (with or without the leading #). */
export function decodeLinkFragment(fragment: string): LinkResult {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const peerId = params.get('s') ?? '';
  const key = params.get('k') ?? '';
  if (!PEER_ID_PATTERN.test(peerId))
    return { ok: false, reason: 'The link has no valid share id.' };
  if (fromBase64Url(key)?.length !== KEY_BYTES) {
    return { ok: false, reason: 'The link has no valid key.' };
  }
  const signalling = v.safeParse(SignallingSchema, {
    host: params.get('h') ?? '',
    port: Number(params.get('p') ?? ''),
    path: params.get('pa') ?? '',
    secure: params.get('tls') === '1',
    key: params.get('pk') ?? 'peerjs',
  });
  if (!signalling.success) return { ok: false, reason: 'The link has no valid signalling server.' };
  const iceServers = decodeIce(params.get('ice'));
  if (iceServers === null) return { ok: false, reason: 'The link has invalid ICE servers.' };
  return { ok: true, ticket: { peerId, key, signalling: signalling.output, iceServers } };
}

function decodeIce(encoded: string | null): IceServer[] | null {
  if (encoded === null) return [];
  const bytes = fromBase64Url(encoded);
  if (!bytes || bytes.length > 4096) return null;
  try {
    const parsed = v.safeParse(
      v.pipe(v.array(IceServerSchema), v.maxLength(8)),
      JSON.parse(new TextDecoder().decode(bytes)),
    );
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/**
 * The link as shown on screen: the key and the sharer's peer id replaced by dots, since the
 * panel may be captured. The key is what lets anyone in; the peer id is where strangers knock
 * (issue #14, finding 5), so a screen recording should give neither.
 */
export function maskLink(link: string): string {
  // Only the fragment: a viewer URL may have a query parameter of its own named k or s.
  const hash = link.indexOf('#');
  if (hash < 0) return link;
  const fragment = link
    .slice(hash)
    .replace(
      /([#&](?:k|s)=)([^&]*)/g,
      (_, head: string, value: string) => head + '•'.repeat(Math.min(value.length, 12)),
    );
  return link.slice(0, hash) + fragment;
}
