import type { JoinTicket } from '../shared/link.js';
import { type HostProbe, PROBE_LABEL } from '../shared/reconnect.js';
import { guestPeer } from './guest-peer.js';

export interface Probe {
  /** What is known so far; it only gets better until the probe is stopped. */
  readonly result: HostProbe;
  stop(): void;
}

/**
 * Asks the signalling server about a silent host with a throwaway peer (reconnect.ts): the
 * server answering says our network is up, the host's PeerJS answering an offer says it is alive.
 */
export function probeHost(ticket: JoinTicket): Probe {
  const peer = guestPeer(ticket);
  let result: HostProbe = 'unreachable';
  let poll: ReturnType<typeof setInterval> | null = null;
  peer.on('open', () => {
    if (result === 'unreachable') result = 'silent';
    const connection = peer.connect(ticket.peerId, { label: PROBE_LABEL, serialization: 'json' });
    // PeerJS has no event for the answer; the remote description is it.
    poll = setInterval(() => {
      if (connection.peerConnection?.remoteDescription) result = 'alive';
    }, 100);
  });
  peer.on('error', (error) => {
    if (error.type === 'peer-unavailable') result = 'gone';
  });
  return {
    get result() {
      return result;
    },
    stop() {
      if (poll !== null) clearInterval(poll);
      peer.destroy();
    },
  };
}
