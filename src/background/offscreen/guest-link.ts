import type { DataConnection, MediaConnection, Peer } from 'peerjs';
import type { GuestEvent } from '../../shared/guest.js';
import { type GuestEffect, type GuestState, guestTransition } from '../../shared/guest.js';
import { newNonce } from '../../shared/ids.js';
import { verifyProof } from '../../shared/proof.js';
import type { GuestStatus, GuestView } from '../../shared/session.js';
import { parseViewerMessage } from '../../shared/wire.js';

export const HANDSHAKE_TIMEOUT_MS = 15_000;
export const HEARTBEAT_INTERVAL_MS = 1_000;
/** PeerJS close events are unreliable (ICE "disconnected" lingers): silence decides instead. */
export const HEARTBEAT_TIMEOUT_MS = 5_000;

export interface GuestLinkOptions {
  peer: Peer;
  connection: DataConnection;
  sharerPeerId: string;
  key: string;
  stream: MediaStream;
  onChange: () => void;
}

/** One guest: performs the effects of the pure guest machine on a real DataConnection. */
export class GuestLink {
  private state: GuestState = { kind: 'awaiting-hello' };
  private media: MediaConnection | null = null;
  private invalidCount = 0;
  private lastHeard = Date.now();
  private readonly since = Date.now();
  private readonly abort = new AbortController();
  framesSent = 0;

  constructor(private readonly options: GuestLinkOptions) {
    const { connection } = options;
    connection.on('data', (data) => this.onData(data));
    connection.on('close', () => this.dispatch({ type: 'heartbeat-timeout' }));
    connection.on('error', (error) => console.warn('guest connection error', error.type));
    const handshake = setTimeout(
      () => this.dispatch({ type: 'handshake-timeout' }),
      HANDSHAKE_TIMEOUT_MS,
    );
    const heartbeat = setInterval(() => this.beat(), HEARTBEAT_INTERVAL_MS);
    this.abort.signal.addEventListener('abort', () => {
      clearTimeout(handshake);
      clearInterval(heartbeat);
    });
  }

  get peerId(): string {
    return this.options.connection.peer;
  }

  get closed(): boolean {
    return this.state.kind === 'closed';
  }

  view(): GuestView {
    const { state } = this;
    const status: GuestStatus =
      state.kind === 'watching'
        ? 'watching'
        : state.kind === 'closed'
          ? state.why === 'invalid-link' || state.why === 'security'
            ? 'denied'
            : 'left'
          : 'checking';
    const name = 'name' in state && state.name !== null ? state.name : '';
    return { peerId: this.peerId, name, status, since: this.since, framesSent: this.framesSent };
  }

  endSession(): void {
    this.dispatch({ type: 'session-ended' });
  }

  /** Reads frames sent from the outbound video stats; 0 when no media was ever sent. */
  async refreshStats(): Promise<void> {
    const pc = this.media?.peerConnection;
    if (!pc) return;
    const stats = await pc.getStats();
    stats.forEach((report) => {
      if (report.type === 'outbound-rtp' && report.kind === 'video') {
        this.framesSent = report.framesSent ?? 0;
      }
    });
  }

  private onData(data: unknown): void {
    this.lastHeard = Date.now();
    const parsed = parseViewerMessage(data);
    if (!parsed.ok) {
      this.invalidCount += 1;
      console.warn(`dropped message from ${this.peerId}: ${parsed.reason}`);
      this.dispatch({ type: 'invalid-message', count: this.invalidCount });
      return;
    }
    this.dispatch({ type: 'message', message: parsed.message, freshNonce: newNonce() });
  }

  private beat(): void {
    if (Date.now() - this.lastHeard > HEARTBEAT_TIMEOUT_MS) {
      this.dispatch({ type: 'heartbeat-timeout' });
      return;
    }
    this.perform({ type: 'send', message: { v: 1, type: 'ping', t: Date.now() } });
  }

  private dispatch(event: GuestEvent): void {
    const before = this.state.kind;
    const { state, effects } = guestTransition(this.state, event);
    this.state = state;
    for (const effect of effects) this.perform(effect);
    if (state.kind !== before) this.options.onChange();
  }

  private perform(effect: GuestEffect): void {
    const { connection, key, sharerPeerId, peer, stream } = this.options;
    switch (effect.type) {
      case 'send':
        if (connection.open) void connection.send(effect.message);
        return;
      case 'verify': {
        const context = { nonce: effect.nonce, sharerPeerId, viewerPeerId: this.peerId };
        void verifyProof(key, context, effect.mac).then((valid) =>
          this.dispatch({ type: 'proof-checked', valid }),
        );
        return;
      }
      case 'start-media':
        this.media = peer.call(this.peerId, stream);
        return;
      case 'close':
        this.abort.abort();
        this.media?.close();
        // Let the last message (denied or bye) leave before the channel goes.
        setTimeout(() => connection.close(), 300);
        return;
      case 'warn':
        console.warn(`guest ${this.peerId}: ${effect.message}`);
        return;
    }
  }
}
