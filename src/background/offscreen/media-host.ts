import { type DataConnection, Peer, type PeerError } from 'peerjs';
import { type AppError, appError } from '../../shared/errors.js';
import type { HostToBg } from '../../shared/protocol.js';
import type { Settings } from '../../shared/settings.js';
import { CaptureError, captureDisplay, describeSurface } from './capture.js';
import { GuestLink } from './guest-link.js';

export interface HostStartParams {
  sessionId: string;
  peerId: string;
  key: string;
  settings: Settings;
}

const SIGNALLING_TIMEOUT_MS = 15_000;
const STATS_INTERVAL_MS = 3_000;

/**
 * The media side of one session: the captured stream, the PeerJS peer, one GuestLink per guest.
 * Lives in the offscreen document (Chrome) or the host page (Firefox), never in the worker.
 */
export class MediaHost {
  private readonly guests = new Map<string, GuestLink>();
  private readonly abort = new AbortController();
  private stream: MediaStream | null = null;
  private peer: Peer | null = null;
  private peerOpening: Promise<Peer> | null = null;
  private rejectedAttempts = 0;
  private lastReport = '';

  constructor(
    private readonly params: HostStartParams,
    private readonly report: (message: HostToBg) => void,
  ) {}

  get sessionId(): string {
    return this.params.sessionId;
  }

  async start(): Promise<void> {
    // Signalling opens while the sharer is still in the picker: the link is ready sooner.
    const opening = this.openPeer();
    this.peerOpening = opening;
    opening.catch(() => {});
    try {
      this.stream = await captureDisplay();
      if (this.abort.signal.aborted) return this.stop();
      this.stream.getVideoTracks()[0]?.addEventListener('ended', () => this.onCaptureEnded());
      this.peer = await opening;
      if (this.abort.signal.aborted) return this.stop();
      this.peer.on('connection', (connection) => this.onGuest(connection));
      const stats = setInterval(() => void this.refreshStats(), STATS_INTERVAL_MS);
      this.abort.signal.addEventListener('abort', () => clearInterval(stats));
      this.send({ type: 'host/ready', surface: describeSurface(this.stream) });
    } catch (error) {
      this.fail(toAppError(error));
    }
  }

  /** Says goodbye to every guest, then releases capture and signalling. */
  async stop(): Promise<void> {
    this.abort.abort();
    for (const guest of this.guests.values()) guest.endSession();
    // The byes are queued on open data channels; give them a moment to leave.
    if (this.guests.size > 0) await new Promise((resolve) => setTimeout(resolve, 400));
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.peerOpening?.then(
      (peer) => peer.destroy(),
      () => {},
    );
  }

  private openPeer(): Promise<Peer> {
    const { signalling, iceServers } = this.params.settings;
    const peer = new Peer(this.params.peerId, {
      host: signalling.host,
      port: signalling.port,
      path: signalling.path,
      key: signalling.key,
      // PeerJS infers `secure` from location.protocol, which is wrong on extension pages.
      secure: signalling.secure,
      config: { iceServers },
      debug: 1,
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        peer.destroy();
        reject(appError('signalling-unreachable', 'no answer within 15 s'));
      }, SIGNALLING_TIMEOUT_MS);
      peer.once('open', () => {
        clearTimeout(timer);
        resolve(peer);
      });
      peer.on('error', (error) => {
        clearTimeout(timer);
        if (!peer.open) {
          peer.destroy();
          reject(signallingError(error));
        } else this.onPeerError(error);
      });
    });
  }

  private onPeerError(error: PeerError<string>): void {
    // peer-unavailable is a guest that went away between signalling and the call: not fatal.
    if (error.type === 'peer-unavailable') return;
    console.warn('peer error', error.type, error.message);
    if (error.type === 'network' || error.type === 'disconnected') this.peer?.reconnect();
  }

  private onGuest(connection: DataConnection): void {
    if (!this.stream || !this.peer) return void connection.close();
    const guest = new GuestLink({
      peer: this.peer,
      connection,
      sharerPeerId: this.params.peerId,
      key: this.params.key,
      stream: this.stream,
      onChange: () => this.onGuestChange(guest),
    });
    this.guests.set(connection.connectionId, guest);
  }

  private onGuestChange(guest: GuestLink): void {
    if (guest.view().status === 'denied') this.rejectedAttempts += 1;
    this.reportGuests();
  }

  private async refreshStats(): Promise<void> {
    await Promise.all([...this.guests.values()].map((guest) => guest.refreshStats()));
    this.reportGuests();
  }

  private reportGuests(): void {
    const guests = [...this.guests.values()].map((guest) => guest.view());
    const snapshot = JSON.stringify([guests, this.rejectedAttempts]);
    if (snapshot === this.lastReport) return;
    this.lastReport = snapshot;
    this.send({ type: 'host/guests', guests, rejectedAttempts: this.rejectedAttempts });
  }

  private onCaptureEnded(): void {
    if (this.abort.signal.aborted) return;
    this.send({ type: 'host/ended' });
  }

  private fail(error: AppError): void {
    void this.stop();
    this.send({ type: 'host/failed', error });
  }

  private send(message: DistributiveOmit<HostToBg, 'to' | 'sessionId'>): void {
    this.report({ ...message, to: 'bg', sessionId: this.params.sessionId } as HostToBg);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function signallingError(error: PeerError<string>): AppError {
  if (
    error.type === 'invalid-key' ||
    error.type === 'unavailable-id' ||
    error.type === 'invalid-id'
  ) {
    return appError('signalling-rejected', error.type);
  }
  return appError('signalling-unreachable', error.type);
}

function toAppError(error: unknown): AppError {
  if (error instanceof CaptureError) return appError(error.code, error.message);
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return error as AppError;
  }
  return appError('host-failed', error instanceof Error ? error.message : String(error));
}
