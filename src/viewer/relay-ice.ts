import type { AppError } from '../shared/errors.js';
import type { RelayTicket } from '../shared/link.js';
import { redeemTicket } from '../shared/server-client.js';
import type { IceServer } from '../shared/settings.js';

/**
 * The TURN servers this page may use, from the share's ticket (issue #12): the Deskbridge
 * server gives short-lived credentials for a ticket while the share is live, so the link holds
 * no long-lived secret. Without them the join still goes ahead, on direct paths only; `problem`
 * says why, for the message if no path gets through.
 */
export interface RelayIce {
  servers: IceServer[];
  problem: AppError | null;
}

const NONE: RelayIce = { servers: [], problem: null };
/** Credentials are taken again once this close to their expiry (reconnects, New link). */
const RENEW_BEFORE_MS = 60_000;

const cache = new Map<string, { ice: Promise<RelayIce>; until: number }>();

export function relayIce(relay: RelayTicket | null | undefined): Promise<RelayIce> {
  if (!relay) return Promise.resolve(NONE);
  const cached = cache.get(relay.ticket);
  if (cached && cached.until > Date.now()) return cached.ice;
  const ice = redeemTicket(fetch.bind(globalThis), relay.credentialsUrl, relay.ticket).then(
    (result): RelayIce => {
      if (!result.ok) {
        cache.delete(relay.ticket);
        return { servers: [], problem: result.error };
      }
      const { iceServers, expiresAt } = result.value;
      cache.set(relay.ticket, { ice, until: expiresAt - RENEW_BEFORE_MS });
      return { servers: iceServers, problem: null };
    },
  );
  cache.set(relay.ticket, { ice, until: Number.POSITIVE_INFINITY });
  return ice;
}
