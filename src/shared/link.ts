import * as v from 'valibot';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { KEY_BYTES, newPeerId, newSessionKey, PEER_ID_PATTERN } from './ids.js';
import { TICKET_PATTERN } from './server-config.js';
import { type IceServer, IceServerSchema, type Signalling, SignallingSchema } from './settings.js';

/**
 * A Deskbridge server's ticket for this share and where to redeem it for TURN credentials
 * (issue #12): the guest's page asks for them itself, so no long-lived secret is in the link.
 */
export interface RelayTicket {
  ticket: string;
  credentialsUrl: string;
}

/** Everything a guest needs to join, carried in the viewer URL's fragment (never sent to a server). */
export interface JoinTicket {
  peerId: string;
  key: string;
  signalling: Signalling;
  iceServers: IceServer[];
  relay?: RelayTicket | null;
  /** Relayed paths only (the sharer's choice): the two sides never learn each other's address. */
  relayOnly?: boolean;
}

export { PEER_ID_PATTERN };

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
  if (ticket.relay) {
    params.set('t', ticket.relay.ticket);
    params.set('tc', ticket.relay.credentialsUrl);
  }
  if (ticket.relayOnly) params.set('ro', '1');
  return `${viewerUrl.replace(/#.*$/, '')}#${params.toString()}`;
}

/**
 * The same share's link for a new key, peer id and ticket (New link): the same viewer,
 * signalling and ICE servers, so guests in stay, while the old link reaches nobody. Null for a
 * link that is not one of ours.
 */
export function relink(
  link: string,
  share: { peerId: string; key: string; relay: RelayTicket | null },
): string | null {
  const hash = link.indexOf('#');
  if (hash < 0) return null;
  const decoded = decodeLinkFragment(link.slice(hash));
  if (!decoded.ok) return null;
  return encodeLink(link.slice(0, hash), { ...decoded.ticket, ...share });
}

/** A new key and peer id for `link`, keeping its relay ticket's server (the caller renews it). */
export function renewLink(link: string): { key: string; peerId: string; link: string } | null {
  const peerId = newPeerId();
  const key = newSessionKey();
  const renewed = relink(link, { peerId, key, relay: null });
  return renewed ? { key, peerId, link: renewed } : null;
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
  const relay = decodeRelay(params.get('t'), params.get('tc'));
  if (relay === undefined) return { ok: false, reason: 'The link has an invalid relay ticket.' };
  const ticket: JoinTicket = { peerId, key, signalling: signalling.output, iceServers };
  if (relay) ticket.relay = relay;
  if (params.get('ro') === '1') ticket.relayOnly = true;
  return { ok: true, ticket };
}

/** Null without a ticket; undefined for a broken one (both parts, well formed, https or loopback). */
function decodeRelay(ticket: string | null, credentialsUrl: string | null) {
  if (ticket === null && credentialsUrl === null) return null;
  if (ticket === null || credentialsUrl === null || !TICKET_PATTERN.test(ticket)) return undefined;
  if (!URL.canParse(credentialsUrl) || !/^https?:\/\//.test(credentialsUrl)) return undefined;
  return { ticket, credentialsUrl } satisfies RelayTicket;
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
 * The link as shown on screen: the key, the sharer's peer id and the relay ticket replaced by
 * dots, since the panel may be captured. The key is what lets anyone in; the peer id is where
 * strangers knock (issue #14, finding 5); the ticket gets relay credentials — a screen
 * recording should give none of them.
 */
export function maskLink(link: string): string {
  // Only the fragment: a viewer URL may have a query parameter of its own named k or s.
  const hash = link.indexOf('#');
  if (hash < 0) return link;
  const fragment = link
    .slice(hash)
    .replace(
      /([#&](?:k|s|t)=)([^&]*)/g,
      (_, head: string, value: string) => head + '•'.repeat(Math.min(value.length, 12)),
    );
  return link.slice(0, hash) + fragment;
}
