import { Peer } from 'peerjs';
import { newPeerId } from '../shared/ids.js';
import type { JoinTicket } from '../shared/link.js';

/**
 * A guest's PeerJS peer for `ticket`'s signalling server. Host and `secure` always explicit:
 * PeerJS would otherwise fall back to its public cloud server, or guess `secure` from the page.
 */
export function guestPeer(ticket: JoinTicket): Peer {
  const { host, port, path, secure, key } = ticket.signalling;
  return new Peer(newPeerId('guest'), {
    host,
    port,
    path,
    secure,
    key,
    // One transport for data, picture and sound (the sharer answers with BUNDLE): gathering and
    // checking candidates per section first would only slow the join.
    // TURN servers from the share's ticket join these before the connection is made (session.ts).
    config: {
      iceServers: ticket.iceServers,
      bundlePolicy: 'max-bundle',
      // The sharer's choice: neither side learns the other's addresses (TURN only).
      ...(ticket.relayOnly && { iceTransportPolicy: 'relay' as const }),
    },
    debug: 0,
  });
}
