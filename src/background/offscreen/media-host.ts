import { type DataConnection, Peer, type PeerError } from 'peerjs';
import { AdmissionPolicy } from '../../shared/admission.js';
import type { ControlNotice } from '../../shared/control.js';
import { Door, oldestInFlight, type SignalLike } from '../../shared/door.js';
import { type AppError, appError } from '../../shared/errors.js';
import type { ControlMessage } from '../../shared/guest.js';
import { newNonce } from '../../shared/ids.js';
import type { RelayTicket } from '../../shared/link.js';
import type { HostToBg } from '../../shared/protocol.js';
import { DEFAULT_QUALITY, PRESET_TUNING, type QualitySettings } from '../../shared/quality.js';
import { RECONNECT_WINDOW_MS } from '../../shared/reconnect.js';
import { reregistration } from '../../shared/reregister.js';
import { redeemTicket } from '../../shared/server-client.js';
import type { GuestDecision, GuestStatus } from '../../shared/session.js';
import type { Settings } from '../../shared/settings.js';
import type { SharerMessage } from '../../shared/wire.js';
import {
  CaptureError,
  captureDisplay,
  captureHandleOf,
  describeSurface,
  retuneCapture,
} from './capture.js';
import { GuestLink, type GuestPolicy, hangUp } from './guest-link.js';
import { InputGate } from './input-gate.js';
import { ProbeAnswerer } from './probe-answerer.js';

export interface HostStartParams {
  sessionId: string;
  peerId: string;
  key: string;
  settings: Settings;
  /** A Deskbridge server's ticket for this share: redeemed here for the sharer's own TURN. */
  relay: RelayTicket | null;
}

const SIGNALLING_TIMEOUT_MS = 15_000;
/** TURN credentials are fetched again this long before they expire. */
const RELAY_RENEW_BEFORE_MS = 5 * 60_000;
const STATS_INTERVAL_MS = 2_000;
/**
 * Handshakes in flight (not yet proved): unauthenticated peers cannot pile up. When all are
 * taken the oldest gives way, so silent strangers cannot lock honest guests out (door.ts).
 */
const MAX_UNAUTHENTICATED = 16;
/**
 * Pages on the join form with the key proved (join-ahead). Past this the one waiting longest
 * lets go, rather than anyone being refused: it connects afresh at Join.
 */
const MAX_AHEAD_OF_JOIN = 32;
/** Statuses in which a guest holds its seat (a rejoin of the same client takes it over). */
const HOLDS_A_SEAT = new Set<GuestStatus>(['watching', 'waiting', 'reconnecting']);
/** Closed guests kept in the report, so the sharer sees recent refusals without a growing list. */
const CLOSED_GUESTS_SHOWN = 20;

/**
 * The media side of one session: the captured stream, the PeerJS peer, one GuestLink per guest.
 * Lives in the offscreen document (Chrome) or the host page (Firefox), never in the worker.
 */
export class MediaHost {
  private readonly guests = new Map<string, GuestLink>();
  private readonly abort = new AbortController();
  private stream: MediaStream | null = null;
  /** The peer new guests reach (the current link's id); earlier ones keep their guests only. */
  private registration: Registration | null = null;
  /** Every peer this share opened, the current one last: all are destroyed when it ends. */
  private readonly peers: Promise<Peer>[] = [];
  private rejectedAttempts = 0;
  private readonly probes = new ProbeAnswerer();
  private lastReport = '';
  private key: string;
  private quality: QualitySettings;
  private readonly gate = new InputGate();
  private pointersAllowed = false;
  private pointerCount = 0;
  private lastDropped = 0;
  private readonly door = new Door(Date.now());
  /** Who comes in at Join, who was removed, and the admitted guests' rejoin tokens. */
  private readonly admissions: AdmissionPolicy;
  private readonly policy: GuestPolicy = {
    key: () => this.key,
    allowProofAttempt: (peerId) => this.door.allowProofAttempt(peerId, Date.now()),
    admission: async (client, rejoin) => {
      const full = this.policy.isFull();
      const { admission, rejoined } = await this.admissions.decide(
        client,
        rejoin,
        full,
        Date.now(),
      );
      // A reload: the old connection may not have noticed yet. Its seat is this one's (the one
      // asking is still on its way in, so it is not among those holding a seat).
      if (rejoined) {
        for (const other of this.guests.values()) {
          if (other.client === client && HOLDS_A_SEAT.has(other.status)) other.replaced();
        }
      }
      return admission;
    },
    isFull: () => this.count('watching') >= this.params.settings.maxGuests,
  };

  constructor(
    private readonly params: HostStartParams,
    private readonly report: (message: HostToBg) => void,
    /** How the stream is obtained: the picker at once, or after a click (Firefox). */
    private readonly capture: (
      quality: QualitySettings,
      signal: AbortSignal,
    ) => Promise<MediaStream> = (quality) => captureDisplay(quality),
  ) {
    this.key = params.key;
    this.quality = params.settings.quality ?? DEFAULT_QUALITY;
    this.admissions = new AdmissionPolicy({
      admitEveryone: params.settings.admitEveryone,
      rejoinGraceMs: params.settings.rejoinGraceSeconds * 1000,
    });
  }

  get sessionId(): string {
    return this.params.sessionId;
  }

  async start(): Promise<void> {
    // Signalling opens while the sharer is still in the picker: the link is ready sooner.
    const opening = this.openPeer(this.params.peerId);
    try {
      this.stream = await this.capture(this.quality, this.abort.signal);
      if (this.abort.signal.aborted) return this.stop();
      this.stream.getVideoTracks()[0]?.addEventListener('ended', () => this.onCaptureEnded());
      const peer = await opening;
      // TURN credentials before the first guest can reach us: a connection is built with the
      // ICE servers the peer has at that moment.
      await this.useRelay(peer, this.params.relay);
      this.register(peer, this.params.peerId);
      if (this.abort.signal.aborted) return this.stop();
      const stats = setInterval(() => {
        void this.refreshStats();
        this.reportInputDrops();
      }, STATS_INTERVAL_MS);
      this.abort.signal.addEventListener('abort', () => clearInterval(stats));
      // Set by our content script in call tabs: tells which tab a tab share shows.
      const captureHandle = captureHandleOf(this.stream);
      this.send({
        type: 'host/ready',
        surface: describeSurface(this.stream, this.quality),
        captureHandle,
      });
    } catch (error) {
      this.fail(toAppError(error));
    }
  }

  /** The sharer's answer about one guest. A removed guest's client id must be admitted again. */
  decide(peerId: string, decision: GuestDecision): void {
    const guest = this.findGuest(peerId);
    if (!guest) return;
    if (decision === 'remove' && guest.client) this.admissions.remove(guest.client);
    guest.decide(decision);
  }

  /** Who may send input now, from the coordinator's control machine. */
  syncControl(epoch: number, holder: string | null): void {
    this.gate.sync(epoch, holder);
  }

  notifyControl(peerId: string, notice: ControlNotice): void {
    this.findGuest(peerId)?.sendControl(notice);
  }

  /** New preset or maximum resolution, for the capture and every guest's sender. */
  setQuality(quality: QualitySettings): void {
    const resized = quality.maxHeight !== this.quality.maxHeight;
    this.quality = quality;
    if (this.stream) void retuneCapture(this.stream, quality, resized);
    for (const guest of this.guests.values()) guest.retune(PRESET_TUNING[quality.preset]);
  }

  /**
   * New link: later proofs need the new key, and new guests reach a new peer id — whoever knew
   * the old one cannot even knock (issue #14, finding 5). Guests already in stay: their
   * connections do not need signalling, so the old peer only leaves the server. They hear the
   * new id, so a reload with the new link is still this tab coming back.
   */
  async rekey(key: string, peerId: string, relay: RelayTicket | null): Promise<void> {
    this.key = key;
    try {
      const peer = await this.openPeer(peerId);
      if (this.abort.signal.aborted) return;
      await this.useRelay(peer, relay);
      const previous = this.registration;
      this.register(peer, peerId);
      if (previous) {
        previous.keeper.abort();
        previous.peer.disconnect();
      }
      for (const guest of this.guests.values()) guest.sendRelinked(peerId);
    } catch (error) {
      this.fail(toAppError(error));
    }
  }

  /**
   * The sharer's own TURN credentials, from the share's ticket (the server gives them only while
   * this peer is registered), renewed before they expire so a guest who joins late can still
   * get a relay. Without them the share still works wherever a direct path exists; a guest who
   * needs the relay is told (network-blocked) rather than left waiting.
   */
  private async useRelay(peer: Peer, relay: RelayTicket | null): Promise<void> {
    if (!relay) return;
    const redeemed = await redeemTicket(fetch.bind(globalThis), relay.credentialsUrl, relay.ticket);
    if (!redeemed.ok) {
      console.warn('Deskbridge: no TURN credentials for the sharer', redeemed.error.message);
      return;
    }
    const { iceServers, expiresAt } = redeemed.value;
    // PeerJS builds each connection from the peer's options as they are then.
    peer.options.config = {
      ...peer.options.config,
      iceServers: [...this.params.settings.iceServers, ...iceServers],
    };
    const renewIn = Math.max(30_000, expiresAt - Date.now() - RELAY_RENEW_BEFORE_MS);
    const timer = setTimeout(() => {
      if (!peer.destroyed) void this.useRelay(peer, relay);
    }, renewIn);
    this.abort.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  }

  /** New guests come through `peer` from now on; it is kept registered through restarts. */
  private register(peer: Peer, peerId: string): void {
    const keeper = new AbortController();
    this.abort.signal.addEventListener('abort', () => keeper.abort(), { once: true });
    this.registration = { peer, peerId, keeper };
    this.guardDoor(peer);
    peer.on('connection', (connection) => this.onGuest(connection, peer, peerId));
    // A signalling restart must not stop new guests from joining: re-register the same id.
    const again = reregistration(peer, keeper.signal);
    peer.on('disconnected', () => again.onDisconnected());
    peer.on('open', () => again.onOpen());
  }

  /** Says goodbye to every guest, then releases capture and signalling. */
  async stop(): Promise<void> {
    this.abort.abort();
    for (const guest of this.guests.values()) guest.endSession();
    // The byes are queued on open data channels; give them a moment to leave.
    if (this.guests.size > 0) await new Promise((resolve) => setTimeout(resolve, 400));
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    for (const opening of this.peers) {
      opening.then(
        (peer) => peer.destroy(),
        () => {},
      );
    }
  }

  private openPeer(peerId: string): Promise<Peer> {
    const opening = this.open(peerId);
    opening.catch(() => {});
    this.peers.push(opening);
    return opening;
  }

  private open(peerId: string): Promise<Peer> {
    const { signalling, iceServers, relayOnly = false } = this.params.settings;
    const peer = new Peer(peerId, {
      host: signalling.host,
      port: signalling.port,
      path: signalling.path,
      key: signalling.key,
      // PeerJS infers `secure` from location.protocol, which is wrong on extension pages.
      secure: signalling.secure,
      // One transport for everything: the data channel's, which the key proof covers. An offer
      // that puts a section elsewhere is refused outright (proved-transport.ts checks the rest).
      config: {
        iceServers,
        bundlePolicy: 'max-bundle',
        // The sharer's choice: guests never learn this computer's addresses (TURN only).
        ...(relayOnly && { iceTransportPolicy: 'relay' as const }),
      },
      debug: 1,
    });
    return new Promise((resolve, reject) => {
      let opened = false;
      const timer = setTimeout(() => {
        peer.destroy();
        reject(appError('signalling-unreachable', 'no answer within 15 s'));
      }, SIGNALLING_TIMEOUT_MS);
      peer.once('open', () => {
        opened = true;
        clearTimeout(timer);
        resolve(peer);
      });
      peer.on('error', (error) => {
        clearTimeout(timer);
        // Only the first opening is fatal: later the peer is merely disconnected, and retries.
        if (!opened) {
          peer.destroy();
          reject(signallingError(error));
        } else this.onPeerError(error);
      });
    });
  }

  /**
   * Every message from the signalling server passes the door before PeerJS sees it: calls,
   * stray candidates and offers past the limits are dropped before anything is built for them
   * (PeerJS would make an RTCPeerConnection per offer, and keep stray messages forever).
   */
  private guardDoor(peer: Peer): void {
    const inner = peer as unknown as PeerInternals;
    const handle = inner._handleMessage.bind(peer);
    const dropped = new Map<string, number>();
    inner._handleMessage = (message) => {
      const id = message.payload?.connectionId;
      const known =
        typeof message.src === 'string' &&
        typeof id === 'string' &&
        !!peer.getConnection(message.src, id);
      const verdict = this.door.signal(message, known, Date.now());
      if (verdict === 'pass') return handle(message);
      const count = (dropped.get(verdict) ?? 0) + 1;
      dropped.set(verdict, count);
      // Sparse: a flood must not become a flood of console lines.
      if (count <= 3 || count % 1000 === 0) console.warn(`signalling ${verdict} (${count})`);
    };
  }

  private onPeerError(error: PeerError<string>): void {
    // peer-unavailable is a guest that went away between signalling and the call: not fatal.
    if (error.type === 'peer-unavailable') return;
    // 'network' (the server went away) is followed by 'disconnected': reregistration() retries.
    console.warn('peer error', error.type, error.message);
  }

  private findGuest(peerId: string): GuestLink | undefined {
    return [...this.guests.values()].find((g) => g.peerId === peerId && !g.closed);
  }

  /** The sharer lets guests point, or stops it: every watching guest is told. */
  setPointers(on: boolean): void {
    this.pointersAllowed = on;
    for (const guest of this.guests.values()) guest.sendPointers(on);
  }

  private onPointer(
    guest: GuestLink,
    message: Extract<ControlMessage, { type: 'pointer' | 'pointer/hide' }>,
  ): void {
    if (!this.pointersAllowed || !guest.pointerAllowedNow()) return;
    const at = message.type === 'pointer' ? { nx: message.nx, ny: message.ny } : null;
    const { pointerId: id, name } = guest;
    for (const other of this.guests.values()) if (other !== guest) other.sendPointer(id, name, at);
    this.send({ type: 'host/pointer', id, name, nx: at?.nx ?? null, ny: at?.ny ?? null });
  }

  private onControl(guest: GuestLink, message: ControlMessage): void {
    const { peerId } = guest;
    if (message.type === 'pointer' || message.type === 'pointer/hide') {
      this.onPointer(guest, message);
      return;
    }
    if (message.type !== 'input') {
      const request = message.type === 'control/request' ? 'request' : 'release';
      this.send({ type: 'host/control', peerId, request });
      return;
    }
    if (!this.gate.admit(peerId, message.epoch, message.event)) return;
    const { epoch, seq, event } = message;
    this.send({ type: 'host/input', peerId, epoch, seq, event });
  }

  private reportInputDrops(): void {
    if (this.gate.dropped === this.lastDropped) return;
    this.lastDropped = this.gate.dropped;
    this.send({ type: 'host/input-stats', dropped: this.gate.dropped });
  }

  private count(status: string): number {
    return [...this.guests.values()].filter((guest) => guest.status === status).length;
  }

  private onGuest(connection: DataConnection, peer: Peer, peerId: string): void {
    if (this.probes.take(connection)) return;
    const all = [...this.guests.values()];
    const ahead = all.filter((guest) => guest.aheadOfJoin);
    const inFlight = all.filter((guest) => guest.unproved);
    if (!this.stream) {
      connection.close();
      return;
    }
    // The wire protocol is JSON; any other serialization is not a viewer of ours.
    if (connection.serialization !== 'json') {
      refuse(connection, null);
      return;
    }
    if (this.door.blocked(connection.peer)) {
      refuse(connection, 'busy');
      return;
    }
    if (inFlight.length >= MAX_UNAUTHENTICATED) oldestInFlight(inFlight)?.expire();
    if (ahead.length >= MAX_AHEAD_OF_JOIN) ahead[0]?.expire();
    const guest = new GuestLink({
      peer,
      connection,
      sharerPeerId: peerId,
      stream: this.stream,
      policy: this.policy,
      pointerId: `p${++this.pointerCount}`,
      pointersAllowed: () => this.pointersAllowed,
      tuning: () => PRESET_TUNING[this.quality.preset],
      onChange: () => this.onGuestChange(guest),
      onControl: (from, message) => this.onControl(from, message),
    });
    this.guests.set(connection.connectionId, guest);
  }

  /** Admitted: a fresh token (the last one is spent). Gone: the grace period starts. */
  private trackRejoin(guest: GuestLink): void {
    const { client, status, peerId } = guest;
    if (client === null) return;
    const token = this.admissions.statusChanged(client, peerId, status, Date.now(), newNonce);
    if (token) guest.sendRejoin(token);
    if (status === 'reconnecting') {
      // Shown as reconnecting while it may still come back: the grace, at most the guest's window.
      const graceMs = this.params.settings.rejoinGraceSeconds * 1000;
      const giveUp = () => !this.abort.signal.aborted && guest.giveUp();
      setTimeout(giveUp, Math.min(graceMs, RECONNECT_WINDOW_MS));
    }
  }

  private onGuestChange(guest: GuestLink): void {
    this.trackRejoin(guest);
    if (guest.failedProof) {
      this.rejectedAttempts += 1;
      console.warn(`a guest failed to prove the key (${this.rejectedAttempts} so far)`);
    }
    // A silent handshake costs its source as a wrong key does: it held a place for nothing.
    if (guest.failedProof || guest.wentSilent) this.door.failed(guest.peerId, Date.now());
    this.pruneClosed();
    this.reportGuests();
  }

  private pruneClosed(): void {
    const closed = [...this.guests.entries()].filter(([, guest]) => guest.closed);
    for (const [id] of closed.slice(0, Math.max(0, closed.length - CLOSED_GUESTS_SHOWN))) {
      this.guests.delete(id);
    }
  }

  private async refreshStats(): Promise<void> {
    await Promise.all([...this.guests.values()].map((guest) => guest.refreshStats()));
    this.reportGuests();
  }

  private reportGuests(): void {
    // A page that has proved the key but not pressed Join is nobody yet; a wrong key is shown
    // (unnamed: it fails before any name is sent) with the 0 frames it got.
    // So does a guest that never got through (the sharer should know the link needs a relay).
    const guests = [...this.guests.values()]
      .filter((guest) => guest.named || guest.failedProof || guest.status === 'unreachable')
      .map((guest) => guest.view());
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

interface Registration {
  peer: Peer;
  peerId: string;
  /** Stops keeping this peer registered (a New link moved new guests to another). */
  keeper: AbortController;
}

/** The part of PeerJS's Peer that the door wraps: its handler for signalling messages. */
interface PeerInternals {
  _handleMessage(message: SignalLike): void;
}

/**
 * Tells a refused peer why when it can (so an honest guest sees "try again later"), then hangs up.
 * The answer waits for the peer's first message: a word sent the instant our side opened was now
 * and then lost before the viewer's side had opened too, leaving an honest guest with a bare hang-up.
 */
function refuse(connection: DataConnection, reason: 'busy' | null): void {
  // Long enough for a loaded machine to open the channel (5 s was missed under test load), short
  // enough that a peer that never speaks holds nothing for long.
  const giveUp = setTimeout(() => connection.close(), 15_000);
  if (reason === null) {
    connection.once('open', () => {
      clearTimeout(giveUp);
      connection.close();
    });
    return;
  }
  connection.once('data', () => {
    clearTimeout(giveUp);
    void connection.send({ v: 2, type: 'denied', reason } satisfies SharerMessage);
    hangUp(connection);
  });
}

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
