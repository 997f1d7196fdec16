import type { DataConnection } from 'peerjs';
import { PROBE_HOLD_MS, PROBE_LABEL } from '../../shared/reconnect.js';

/** Liveness probes of silent guests held open at once: each holds a peer connection here. */
const MAX_PROBES = 8;

/**
 * A silent guest asking whether we are alive (reconnect.ts). PeerJS has already answered its
 * offer, which is all the guest looks for; the connection is never heard and closes soon.
 */
export class ProbeAnswerer {
  #open = 0;

  /** True when `connection` was a probe (taken care of here), false for a real guest. */
  take(connection: DataConnection): boolean {
    if (connection.label !== PROBE_LABEL) return false;
    if (this.#open >= MAX_PROBES) {
      connection.close();
      return true;
    }
    this.#open += 1;
    setTimeout(() => {
      this.#open -= 1;
      connection.close();
    }, PROBE_HOLD_MS);
    return true;
  }
}
