/**
 * Keeps a PeerJS peer registered with its signalling server. PeerJS drops to `disconnected` when
 * the server's socket closes (a restart, a network blip) and never tries again by itself; each
 * failed `reconnect()` ends in `disconnected` again. The peer connections already up do not need
 * the server, so this only matters for new guests, new calls and ICE restarts.
 */
export interface Registrable {
  readonly disconnected: boolean;
  readonly destroyed: boolean;
  reconnect(): void;
}

/** 0.5 s, 1 s, 2 s, 4 s, then every 5 s: quick after a blip, gentle on a server that is down. */
export function retryDelayMs(attempt: number): number {
  return Math.min(5_000, 500 * 2 ** Math.max(0, attempt));
}

export interface Reregistration {
  /** Call on the peer's `disconnected` event: schedules the next attempt. */
  onDisconnected(): void;
  /** Call on the peer's `open` event: the next outage starts again from the shortest delay. */
  onOpen(): void;
}

export function reregistration(peer: Registrable, signal: AbortSignal): Reregistration {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  signal.addEventListener('abort', () => timer !== null && clearTimeout(timer), { once: true });
  const tryNow = () => {
    timer = null;
    if (signal.aborted || peer.destroyed || !peer.disconnected) return;
    try {
      peer.reconnect();
    } catch {
      // Destroyed or already connected in between: nothing to do.
    }
  };
  return {
    onDisconnected() {
      if (signal.aborted || peer.destroyed || timer !== null) return;
      timer = setTimeout(tryNow, retryDelayMs(attempt));
      attempt += 1;
    },
    onOpen() {
      attempt = 0;
    },
  };
}
