import { type AppError, appError } from '../shared/errors.js';
import { type RelayTicket, relink, renewLink } from '../shared/link.js';
import { discover, issueTicket } from '../shared/server-client.js';
import type { Settings } from '../shared/settings.js';

/**
 * Where a share's connections go: as the sharer typed them (signalling, viewer, ICE servers),
 * or what the Deskbridge server at `settings.serverUrl` says, with a ticket for its relay
 * (issue #12). The ticket is bound to the share's peer id; guests and the sharer's own media
 * host redeem it for TURN credentials while that peer is registered.
 */
export interface ShareRoute {
  /** The settings with signalling, viewer URL and ICE servers as this share uses them. */
  settings: Settings;
  relay: RelayTicket | null;
}

export type RouteResult = { ok: true; route: ShareRoute } | { ok: false; error: AppError };

const browserFetch = (...args: Parameters<typeof fetch>) => fetch(...args);

export async function routeFor(settings: Settings, peerId: string): Promise<RouteResult> {
  const { serverUrl, accessToken } = settings;
  if (!serverUrl) return { ok: true, route: { settings, relay: null } };
  const found = await discover(browserFetch, serverUrl);
  if (!found.ok) return found;
  const server = found.value;
  const issued = await issueTicket(browserFetch, server, peerId, accessToken);
  if (!issued.ok) return issued;
  const relay =
    issued.value && server.turn
      ? { ticket: issued.value.ticket, credentialsUrl: server.turn.credentialsUrl }
      : null;
  return {
    ok: true,
    route: {
      settings: {
        ...settings,
        signalling: server.signalling,
        viewerUrl: server.viewerUrl,
        iceServers: server.iceServers,
      },
      relay,
    },
  };
}

export type Renewal = { key: string; peerId: string; link: string; relay: RelayTicket | null };

/**
 * New link for a share whose link is `link`: a new key and peer id, and — when it relays through
 * a Deskbridge server — a new ticket from that same server, for the new peer id.
 */
export async function renewal(
  link: string,
  settings: Settings,
): Promise<{ ok: true; renewal: Renewal } | { ok: false; error: AppError }> {
  const renewed = renewLink(link);
  if (!renewed) return { ok: false, error: appError('invalid-settings', 'no valid link') };
  const hash = link.indexOf('#');
  const relayed = new URLSearchParams(link.slice(hash + 1)).get('tc');
  if (!relayed) return { ok: true, renewal: { ...renewed, relay: null } };
  // The same server that issued the first ticket, whatever the settings say now.
  const found = await discover(browserFetch, new URL(relayed).origin);
  if (!found.ok) return found;
  const issued = await issueTicket(browserFetch, found.value, renewed.peerId, settings.accessToken);
  if (!issued.ok) return issued;
  const credentialsUrl = found.value.turn?.credentialsUrl;
  const relay =
    issued.value && credentialsUrl ? { ticket: issued.value.ticket, credentialsUrl } : null;
  const withTicket = relink(link, { peerId: renewed.peerId, key: renewed.key, relay });
  if (!withTicket) return { ok: false, error: appError('invalid-settings', 'no valid link') };
  return { ok: true, renewal: { ...renewed, link: withTicket, relay } };
}
