import type { DataConnection, Peer } from 'peerjs';
import type { RejoinAttempt } from '../../shared/admission.js';
import type { ControlNotice } from '../../shared/control.js';
import { assertNever } from '../../shared/errors.js';
import {
  type Admission,
  type CloseReason,
  type ControlMessage,
  type GuestEffect,
  type GuestEvent,
  type GuestState,
  guestTransition,
  type ProofVerdict,
} from '../../shared/guest.js';
import { newNonce } from '../../shared/ids.js';
import {
  computeProof,
  type ProofContext,
  verificationWords,
  verifyProof,
} from '../../shared/proof.js';
import { provedFingerprints, transportProblem } from '../../shared/proved-transport.js';
import { firstFrameScale, type SenderTuning } from '../../shared/quality.js';
import type { GuestDecision, GuestStatus, GuestView } from '../../shared/session.js';
import { type BucketRule, fullBucket, take } from '../../shared/token-bucket.js';
import { VERIFICATION_WORDS } from '../../shared/verification-words.js';
import {
  otherWireVersion,
  parseViewerMessage,
  type SharerMessage,
  type ViewerMessage,
} from '../../shared/wire.js';
import { attachPrepared, prepareSenders } from './prepared-senders.js';
import { SenderQuality } from './sender-quality.js';

export const HANDSHAKE_TIMEOUT_MS = 15_000;
/**
 * How long a guest with a proved key may sit on the join form before its connection is closed
 * (its page connects afresh at Join): long enough for anyone typing a name, short enough that
 * forgotten tabs do not hold connections all day.
 */
export const JOIN_TIMEOUT_MS = 10 * 60_000;
const POINTER_RULE: BucketRule = { capacity: 20, perSecond: 20 };
export const HEARTBEAT_INTERVAL_MS = 1_000;
/** PeerJS close events are unreliable (ICE "disconnected" lingers): silence decides instead. */
export const HEARTBEAT_TIMEOUT_MS = 4_000;

type Proof = Extract<ViewerMessage, { type: 'proof' }>;

/** What the host decides for every guest: the key, rate limits, and who may come in. */
export interface GuestPolicy {
  key(): string;
  /** False when too many proofs were tried lately (overall or from this peer). */
  allowProofAttempt(peerId: string): boolean;
  /** At Join, after a valid proof: straight in, ask the sharer, or full; a rejoin proof may skip asking. */
  admission(client: string, rejoin: RejoinAttempt | null): Promise<Admission>;
  isFull(): boolean;
}

export interface GuestLinkOptions {
  peer: Peer;
  connection: DataConnection;
  sharerPeerId: string;
  stream: MediaStream;
  policy: GuestPolicy;
  onChange: () => void;
  /** A short id for this guest's laser pointer, shown to the others. */
  pointerId: string;
  pointersAllowed: () => boolean;
  /** The picture-quality preset's sender parameters, read when the guest's media starts. */
  tuning: () => SenderTuning;
  /** Control requests and input from this guest, once it is watching. */
  onControl: (guest: GuestLink, message: ControlMessage) => void;
}

const STATUS_OF_CLOSE: Record<CloseReason, GuestStatus> = {
  'invalid-link': 'denied',
  security: 'denied',
  busy: 'denied',
  version: 'denied',
  declined: 'denied',
  full: 'denied',
  removed: 'removed',
  left: 'left',
  timeout: 'left',
  ended: 'left',
  unreachable: 'unreachable',
};

/** How long a last message (denied, bye) gets to leave before the channel is torn down. */
const LAST_WORD_MS = 1_000;

/**
 * Closes for good. PeerJS's `close({flush})` only asks the other side to close after the queue
 * drains; a peer that ignores it would stay connected, so the local close follows regardless.
 */
export function hangUp(connection: DataConnection): void {
  if (connection.open) connection.close({ flush: true });
  setTimeout(() => connection.close(), LAST_WORD_MS);
}

/** One guest: performs the effects of the pure guest machine on a real DataConnection. */
export class GuestLink {
  private state: GuestState = { kind: 'awaiting-hello' };
  private lastHeard = Date.now();
  private statusSince = Date.now();
  private readonly abort = new AbortController();
  private quality: SenderQuality | null = null;
  private rttMs: number | null = null;
  private dropped = 0;
  private warnings = 0;
  private pointerBucket = fullBucket(POINTER_RULE, Date.now());
  /** Whether the data channel ever opened: one that never did never got through. */
  private opened = false;
  /** The rejoin MAC that came with the proof, decided on at Join. */
  private rejoin: RejoinAttempt | null = null;
  /** The key the proof held for: a new link between the proof and Join makes it void. */
  private provedKey: string | null = null;
  /** Read aloud to compare with the guest's page (proof.ts), once the key is proved. */
  private words: string[] | null = null;

  constructor(private readonly options: GuestLinkOptions) {
    const { connection } = options;
    if (connection.peerConnection) {
      prepareSenders(connection.peerConnection, options.stream, this.abort.signal);
    }
    connection.on('data', (data) => this.onData(data));
    connection.on('open', () => {
      this.opened = true;
    });
    // Closed before it ever opened: the guest never got through (it gave up on finding a path).
    connection.on('close', () =>
      this.dispatch({ type: this.opened ? 'heartbeat-timeout' : 'ice-failed' }),
    );
    connection.on('error', (error) => console.warn('guest connection error', error.type));
    // A connection whose channel never opened by the deadline did not get through at all.
    const handshake = setTimeout(
      () => this.dispatch({ type: this.opened ? 'handshake-timeout' : 'ice-failed' }),
      HANDSHAKE_TIMEOUT_MS,
    );
    const pc = connection.peerConnection;
    pc?.addEventListener(
      'iceconnectionstatechange',
      () => {
        if (pc.iceConnectionState === 'failed') this.dispatch({ type: 'ice-failed' });
      },
      { signal: this.abort.signal },
    );
    const join = setTimeout(() => this.dispatch({ type: 'join-timeout' }), JOIN_TIMEOUT_MS);
    const heartbeat = setInterval(() => this.beat(), HEARTBEAT_INTERVAL_MS);
    this.abort.signal.addEventListener('abort', () => {
      clearTimeout(handshake);
      clearTimeout(join);
      clearInterval(heartbeat);
    });
  }

  get peerId(): string {
    return this.options.connection.peer;
  }

  /** When the connection came in: the oldest unproved one gives way when places run out. */
  readonly startedAt = Date.now();

  /** Closed before proving anything, for silence or for want of a place (door.ts). */
  get wentSilent(): boolean {
    return this.state.kind === 'closed' && this.state.why === 'timeout' && this.provedKey === null;
  }

  /** Closed, or dropped (closed too, its seat waiting as reconnecting). */
  get closed(): boolean {
    return this.state.kind === 'closed' || this.state.kind === 'dropped';
  }

  get client(): string | null {
    return 'client' in this.state ? this.state.client : null;
  }

  /** A wrong key or a man in the middle: what the sharer's warning counts. */
  get failedProof(): boolean {
    return (
      this.state.kind === 'closed' &&
      (this.state.why === 'invalid-link' || this.state.why === 'security')
    );
  }

  get status(): GuestStatus {
    const { state } = this;
    if (state.kind === 'closed') return STATUS_OF_CLOSE[state.why];
    if (state.kind === 'dropped') return 'reconnecting';
    if (state.kind === 'watching' || state.kind === 'waiting') return state.kind;
    return 'checking';
  }

  /** Still on the way in, with nothing proved: what a stranger's connection looks like. */
  get unproved(): boolean {
    const { kind } = this.state;
    return kind === 'awaiting-hello' || kind === 'challenged' || kind === 'verifying';
  }

  /** Proved the key, and has not pressed Join yet (join-ahead). */
  get aheadOfJoin(): boolean {
    return this.state.kind === 'proved';
  }

  /**
   * Gives the connection back: a page on the join form (it connects afresh at Join), or a
   * handshake in flight when a newcomer needs its place.
   */
  expire(): void {
    this.dispatch({ type: this.aheadOfJoin ? 'join-timeout' : 'handshake-timeout' });
  }

  /** Said who it is (pressed Join): only such guests are the sharer's to see. */
  get named(): boolean {
    return 'name' in this.state && this.state.name !== null;
  }

  view(): GuestView {
    return {
      peerId: this.peerId,
      name: this.name,
      status: this.status,
      since: this.statusSince,
      ...(this.quality?.counters ?? { framesSent: 0, bytesSent: 0 }),
      rttMs: this.rttMs,
      dropped: this.dropped,
      media: this.status === 'watching' ? (this.quality?.stats ?? null) : null,
      words: this.words,
    };
  }

  decide(decision: GuestDecision): void {
    this.dispatch({ type: 'decision', decision, full: this.options.policy.isFull() });
  }

  get pointerId(): string {
    return this.options.pointerId;
  }

  get name(): string {
    return 'name' in this.state && this.state.name !== null ? this.state.name : '';
  }

  /** Laser positions: 20 a second at most per guest, and only from a guest who is watching. */
  pointerAllowedNow(): boolean {
    if (this.state.kind !== 'watching') return false;
    const { bucket, allowed } = take(this.pointerBucket, POINTER_RULE, Date.now());
    this.pointerBucket = bucket;
    return allowed;
  }

  sendPointers(allowed: boolean): void {
    if (this.state.kind === 'watching')
      this.perform({ type: 'send', message: { v: 2, type: 'pointers', allowed } });
  }

  sendPointer(id: string, name: string, at: { nx: number; ny: number } | null): void {
    if (this.state.kind !== 'watching') return;
    const message: SharerMessage = at
      ? { v: 2, type: 'pointer', id, name, ...at }
      : { v: 2, type: 'pointer/hide', id };
    this.perform({ type: 'send', message });
  }

  /** Control answers (granted, revoked, …) go straight to the guest. */
  sendControl(notice: ControlNotice): void {
    const message: SharerMessage =
      notice.type === 'granted'
        ? { v: 2, type: 'control/granted', epoch: notice.epoch, scope: notice.scope }
        : notice.type === 'revoked'
          ? { v: 2, type: 'control/revoked', epoch: notice.epoch, reason: notice.reason }
          : notice.type === 'queued'
            ? { v: 2, type: 'control/queued', position: notice.position }
            : { v: 2, type: 'control/denied' };
    this.perform({ type: 'send', message });
  }

  /** New link: a guest in hears the new peer id, so its tab can come back with the new link. */
  sendRelinked(peerId: string): void {
    if (this.state.kind === 'watching')
      this.perform({ type: 'send', message: { v: 2, type: 'relinked', peer: peerId } });
  }

  /** Hands a watching guest its rejoin token, over the encrypted data channel. */
  sendRejoin(token: string): void {
    if (this.state.kind === 'watching')
      this.perform({ type: 'send', message: { v: 2, type: 'rejoin', token } });
  }

  /** The same guest came back on a new connection: this one makes way. */
  replaced(): void {
    this.dispatch({ type: 'superseded' });
  }

  /** A dropped guest will not come back on this link (back on another, or out of time). */
  giveUp(): void {
    this.dispatch({ type: 'gave-up' });
  }

  endSession(): void {
    this.dispatch({ type: 'session-ended' });
  }

  /** Reads the outbound video stats; they stay 0 for a guest that never got media. */
  async refreshStats(): Promise<void> {
    if (this.state.kind === 'watching') await this.quality?.refresh();
  }

  retune(tuning: SenderTuning): void {
    this.quality?.retune(tuning);
  }

  private onData(data: unknown): void {
    this.lastHeard = Date.now();
    if (otherWireVersion(data) !== null) {
      this.dispatch({ type: 'version-mismatch' });
      return;
    }
    const parsed = parseViewerMessage(data);
    if (!parsed.ok) {
      this.dropped += 1;
      // Logged sparsely: a flood must not become a flood of console lines.
      if (this.dropped <= 3 || this.dropped % 1000 === 0) {
        console.warn(`dropped message ${this.dropped} from ${this.peerId}: ${parsed.reason}`);
      }
      this.dispatch({ type: 'invalid-message', count: this.dropped });
      return;
    }
    const { message } = parsed;
    if (message.type === 'pong') this.rttMs = Math.max(0, Date.now() - message.t);
    this.dispatch({ type: 'message', message, freshNonce: newNonce() });
  }

  private beat(): void {
    // Until the channel opens there is nothing to hear: finding a path (a relay, a slow
    // network) has the handshake deadline, and failing to is `unreachable`, not silence.
    if (!this.opened) {
      this.lastHeard = Date.now();
      return;
    }
    if (Date.now() - this.lastHeard > HEARTBEAT_TIMEOUT_MS) {
      this.dispatch({ type: 'heartbeat-timeout' });
      return;
    }
    this.perform({ type: 'send', message: { v: 2, type: 'ping', t: Date.now() } });
  }

  private dispatch(event: GuestEvent): void {
    const before = this.status;
    const { state, effects } = guestTransition(this.state, event);
    this.state = state;
    for (const effect of effects) this.perform(effect);
    if (this.status !== before) this.changed();
  }

  private changed(): void {
    this.statusSince = Date.now();
    this.options.onChange();
  }

  /**
   * What both proofs cover: a nonce, both peer ids and both fingerprints as this side sees
   * them — or null when the connection is not one bundled transport to the named certificate.
   */
  private async proofContext(nonce: string): Promise<ProofContext | null> {
    const pc = this.options.connection.peerConnection;
    const seen = pc ? provedFingerprints(pc) : null;
    if (!pc || !seen || (await this.refusedTransport(pc))) return null;
    return {
      nonce,
      sharerPeerId: this.options.sharerPeerId,
      viewerPeerId: this.peerId,
      sharerFingerprint: seen.local,
      viewerFingerprint: seen.remote,
    };
  }

  /**
   * The guest's proof, checked; when it holds, our own over the guest's nonce (`guestNonce`),
   * which goes with `proved`: the guest trusts nothing of ours before it (mutual proof).
   */
  private async verdict(
    nonce: string,
    guestNonce: string,
    proof: Proof,
  ): Promise<{ verdict: ProofVerdict; hostProof: string | null }> {
    const refused = (verdict: ProofVerdict) => ({ verdict, hostProof: null });
    const { policy } = this.options;
    if (!policy.allowProofAttempt(this.peerId)) return refused('busy');
    const context = await this.proofContext(nonce);
    if (!context) return refused('security');
    // Each side reports what it sees; a relay that terminates DTLS makes the views differ.
    if (
      proof.sharerFingerprint !== context.sharerFingerprint ||
      proof.viewerFingerprint !== context.viewerFingerprint
    ) {
      return refused('security');
    }
    const key = policy.key();
    if (!(await verifyProof(key, context, proof.mac, 'guest'))) return refused('invalid');
    const hostProof = await computeProof(key, { ...context, nonce: guestNonce }, 'host');
    this.provedKey = key;
    this.words = await verificationWords(
      key,
      context.sharerFingerprint,
      context.viewerFingerprint,
      VERIFICATION_WORDS,
    );
    const client = this.client ?? '';
    this.rejoin = proof.rejoin
      ? {
          mac: proof.rejoin,
          context: { nonce, sharerPeerId: context.sharerPeerId, viewerPeerId: this.peerId, client },
        }
      : null;
    return { verdict: 'valid', hostProof };
  }

  /** True, and said in the console, when the picture would not ride the proved transport. */
  private async refusedTransport(pc: RTCPeerConnection): Promise<boolean> {
    const problem = await transportProblem(pc);
    if (problem) console.warn(`guest ${this.peerId}: refused, transport problem: ${problem}`);
    return problem !== null;
  }

  private async admission(client: string): Promise<Admission> {
    const { policy } = this.options;
    if (policy.key() !== this.provedKey) return 'old-key';
    return policy.admission(client, this.rejoin);
  }

  private perform(effect: GuestEffect): void {
    const { connection } = this.options;
    switch (effect.type) {
      case 'send':
        if (connection.open) void connection.send(effect.message);
        return;
      case 'verify':
        void this.verdict(effect.nonce, effect.guestNonce, effect.proof).then((checked) =>
          this.dispatch({ type: 'proof-checked', ...checked }),
        );
        return;
      case 'admission':
        void this.admission(effect.client).then((admission) =>
          this.dispatch({ type: 'admission-checked', admission }),
        );
        return;
      case 'start-media':
        void this.startMedia();
        this.sendPointers(this.options.pointersAllowed());
        return;
      case 'stop-media':
        this.stopMedia();
        return;
      case 'close':
        this.abort.abort();
        this.stopMedia();
        hangUp(connection);
        return;
      case 'control':
        this.options.onControl(this, effect.message);
        return;
      case 'warn':
        this.warnings += 1;
        // A flood of out-of-place messages must not become a flood of console lines.
        if (this.warnings <= 3 || this.warnings % 1000 === 0) {
          console.warn(`guest ${this.peerId}: ${effect.message} (${this.warnings})`);
        }
        return;
      default:
        assertNever(effect);
    }
  }

  /**
   * The picture goes onto the senders answered send-only in the guest's first offer
   * (prepared-senders.ts): ICE and DTLS are up, and the transport is the one whose fingerprints
   * both proofs cover. Only on the way into `watching`; a guest whose offer had no such sections
   * is not our viewer, and gets nothing.
   */
  private async startMedia(): Promise<void> {
    const { connection, stream } = this.options;
    const pc = connection.peerConnection;
    if (!pc) return;
    try {
      // Parameters first: the first frame is encoded under the preset (scaled down, with a
      // soft start).
      const tuning = this.options.tuning();
      const height = stream.getVideoTracks()[0]?.getSettings().height;
      const scale = tuning.softStart ? firstFrameScale(height) : 1;
      this.quality = new SenderQuality(pc, tuning, this.abort.signal, scale);
      // A frame encoded before them would be full size, and over the preset's ceiling.
      await this.quality.applied;
      if (this.state.kind !== 'watching') return;
      // Checked again just before the picture flows: nothing may have moved since the proof.
      if ((await this.refusedTransport(pc)) || !(await attachPrepared(pc, stream))) {
        this.dispatch({ type: 'transport-refused' });
        return;
      }
      if (this.state.kind === 'watching') this.quality.negotiated();
      else this.stopMedia();
    } catch (error) {
      console.warn('could not start media', error);
    }
  }

  /** Nothing more leaves for this guest, at once: the connection itself closes a moment later. */
  private stopMedia(): void {
    const pc = this.options.connection.peerConnection;
    for (const sender of pc?.getSenders() ?? []) {
      if (sender.track) void sender.replaceTrack(null).catch(() => {});
    }
  }
}
