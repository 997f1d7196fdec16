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
    config: { iceServers: ticket.iceServers, bundlePolicy: 'max-bundle' },
    debug: 0,
  });
}

/**
 * Registers with the signalling server while the guest types their name, so Join starts with
 * the offer rather than with the server's handshake. Registration says nothing to the sharer:
 * no connection is made before Join. One peer, for the first join only.
 */
export class WarmPeer {
  #peer: Peer | null;

  constructor(ticket: JoinTicket) {
    this.#peer = guestPeer(ticket);
    // An error here (server down, say) is the join's to report: it starts afresh then.
    this.#peer.on('error', () => this.discard());
  }

  /**
   * The peer, once: registered, or still registering (its `open` is then the session's to hear).
   * Null after an error: the join makes its own peer and reports what goes wrong.
   */
  take(): Peer | null {
    const peer = this.#peer;
    this.#peer = null;
    if (peer && !peer.disconnected && !peer.destroyed) {
      peer.removeAllListeners();
      return peer;
    }
    peer?.destroy();
    return null;
  }

  discard(): void {
    this.#peer?.destroy();
    this.#peer = null;
  }
}
