import type { DataConnection, Peer, PeerConnectOption } from 'peerjs';
import { preferVideoCodecsInSdp } from '../shared/codec-preference.js';
import { assertNever } from '../shared/errors.js';
import { newNonce } from '../shared/ids.js';
import type { InputEvent } from '../shared/input.js';
import type { JoinTicket } from '../shared/link.js';
import {
  computeProof,
  type ProofContext,
  verificationWords,
  verifyProof,
} from '../shared/proof.js';
import { provedFingerprints, transportProblem } from '../shared/proved-transport.js';
import { afterSilence } from '../shared/reconnect.js';
import { computeRejoinProof } from '../shared/rejoin.js';
import { reregistration } from '../shared/reregister.js';
import { withStartBitrate } from '../shared/start-bitrate.js';
import { VERIFICATION_WORDS } from '../shared/verification-words.js';
import { otherWireVersion, parseSharerMessage, type ViewerMessage, wire } from '../shared/wire.js';
import {
  type ControlEffect,
  type ControlEvent,
  type ControlView,
  controlTransition,
  NO_CONTROL,
} from './control-machine.js';
import { guestPeer } from './guest-peer.js';
import { probeHost } from './host-probe.js';
import { HeldInput } from './input-capture.js';
import type { PointerMessage } from './laser.js';
import {
  hostHasDecided,
  isTerminal,
  type ViewerEffect,
  type ViewerEvent,
  type ViewerState,
  viewerTransition,
} from './machine.js';
import { type RelayIce, relayIce } from './relay-ice.js';

/** Each step on the way in (signalling server, then the host) gets this long before we say why. */
export const STEP_TIMEOUT_MS = 15_000;
/**
 * From the host's answer to an open channel. Loopback, a LAN or a TURN relay take a second or
 * two; this long with nothing means no path will come, and the guest hears so within 15 s.
 */
export const PATH_TIMEOUT_MS = 10_000;
/**
 * PeerJS close events are unreliable (peerjs#1200): our own pings tell a dead host apart. The
 * host answers each ping, so this long without any message means it is gone, and the guest
 * hears so within five seconds of a crash.
 */
export const PING_INTERVAL_MS = 1_000;
export const SILENCE_LIMIT_MS = 4_000;

export interface SessionOptions {
  ticket: JoinTicket;
  /**
   * The guest's name, when known (a rejoin, a reconnect); otherwise the session proves the key
   * and stays `ready` until `join(name)` (join-ahead: the page connects while the name is typed).
   */
  name: string | null;
  /** This browser's own id for this share (`hello.client`), the same on every rejoin. */
  client: string;
  /** Aborting it means the guest leaves: a `bye` goes out if it still can, then all is closed. */
  signal: AbortSignal;
  onState: (state: ViewerState) => void;
  onControl?: (control: ControlView) => void;
  /** The laser pointer's messages from the host, once admitted. */
  onPointer?: (message: PointerMessage) => void;
  /** A rejoin token from an earlier admission in this tab: proved to skip admission. */
  rejoinToken?: string | null;
  /** The host handed us a (new) rejoin token. */
  onRejoinToken?: (token: string) => void;
  /** New link: the share's new peer id, for what this tab keeps about it. */
  onRelinked?: (peer: string) => void;
  /** Both proofs hold: the four words to compare aloud with the host's (proof.ts). */
  onWords?: (words: string[]) => void;
  timeoutMs?: number;
}

/** One attempt to join: PeerJS in, typed states out. No DOM; the page owns the video. */
export class ViewerSession {
  #state: ViewerState = { kind: 'connecting', step: 'signalling' };
  readonly #options: SessionOptions;
  readonly #life = new AbortController();
  readonly #peer: Peer;
  #name: string | null;
  #channel: DataConnection | null = null;
  /** The sharer's tracks, gathered as they are announced (prepared-senders.ts on its side). */
  #remote: MediaStream | null = null;
  #cancelDeadline = () => {};
  #cancelWatchdog = () => {};
  #dropped = 0;
  /** Our challenge to the host, sent in `hello`: it proves the key over it. */
  readonly #nonce = newNonce();
  #control: ControlView = NO_CONTROL;
  /** What the host holds down because of us, so it can be let go when control ends. */
  readonly #held = new HeldInput();
  #seq = 0;
  /** Whether the host lets guests point, and whether ours is showing (so it is hidden once). */
  #pointersAllowed = false;
  #pointing = false;
  /** TURN credentials from the share's ticket, fetched while signalling registers. */
  readonly #relay: Promise<RelayIce>;
  /** Why the relay could not be used, if it could not: said if no path gets through. */
  #relayProblem: string | null = null;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.#name = options.name;
    this.#relay = relayIce(options.ticket.relay);
    this.#peer = guestPeer(options.ticket);
    this.#peer.on('open', () => void this.#onSignallingOpen());
    this.#peer.on('error', (error) =>
      this.#dispatch({ type: 'peer-error', errorType: error.type, detail: error.message }),
    );
    // Nobody has a reason to open a connection or a call to a guest: the picture comes on ours.
    this.#peer.on('connection', (connection) => connection.close());
    this.#peer.on('call', (call) => call.close());
    // Registered again after a signalling restart, as the sharer is (reregister.ts).
    const keeper = reregistration(this.#peer, this.#life.signal);
    this.#peer.on('disconnected', () => keeper.onDisconnected());
    this.#peer.on('open', () => keeper.onOpen());
    this.#armDeadline();
    if (options.signal.aborted) this.#leave();
    else options.signal.addEventListener('abort', () => this.#leave(), { once: true });
  }

  /** The guest pressed Join: goes out now if the key is proved, else as soon as it is. */
  join(name: string): void {
    this.#name = name;
    if (this.#state.kind === 'ready') this.#dispatch({ type: 'join', name });
  }

  /** Ended because the host said so (denied for good, or the share ended), not the network. */
  get hostDecided(): boolean {
    return hostHasDecided(this.#state);
  }

  get state(): ViewerState {
    return this.#state;
  }

  /** Messages from the host that failed the schema and were dropped. */
  get droppedMessages(): number {
    return this.#dropped;
  }

  get control(): ControlView {
    return this.#control;
  }

  /** The data connection's RTCPeerConnection, which carries the picture too (statistics). */
  get mediaConnection(): RTCPeerConnection | null {
    return this.#channel?.peerConnection ?? null;
  }

  /** Asks the host for control; an admitted guest only. */
  requestControl(): void {
    if (this.#state.kind !== 'waiting' && this.#state.kind !== 'live') return;
    this.#controlDispatch({ type: 'request' });
  }

  /** Lets go of control (or withdraws the request) at once, without waiting for the host. */
  releaseControl(): void {
    this.#controlDispatch({ type: 'release' });
  }

  /**
   * The one way input reaches the host: stamped with the current epoch and the next sequence
   * number. False when it did not go: no control, or the release of something never pressed.
   */
  sendInput(event: InputEvent): boolean {
    const control = this.#control;
    if (control.kind !== 'granted' || this.#life.signal.aborted) return false;
    if (!this.#held.accept(event)) return false;
    this.#sendInput(control.epoch, event);
    return true;
  }

  /** Lets go of every key and button the host holds for us, keeping control (focus lost). */
  releaseHeld(): void {
    if (this.#control.kind === 'granted') this.#sendHeldReleases(this.#control.epoch);
  }

  /**
   * Our laser pointer at `nx`, `ny` of the picture: only while the host allows it and we do not
   * control the host. The caller paces it.
   */
  pointAt(nx: number, ny: number): boolean {
    const admitted = this.#state.kind === 'waiting' || this.#state.kind === 'live';
    if (!admitted || !this.#pointersAllowed || this.#control.kind === 'granted') return false;
    this.#pointing = true;
    this.#send(wire<ViewerMessage>({ type: 'pointer', nx, ny }));
    return true;
  }

  /** Hides our laser pointer; only once, whoever asks. */
  hidePointer(): void {
    if (!this.#pointing) return;
    this.#pointing = false;
    this.#send(wire<ViewerMessage>({ type: 'pointer/hide' }));
  }

  /** The page saw the first frame of `stream` on screen. */
  framePresented(stream: MediaStream): void {
    this.#dispatch({ type: 'first-frame', stream });
  }

  async #onSignallingOpen(): Promise<void> {
    this.#dispatch({ type: 'signalling-open' });
    if (this.#state.kind !== 'connecting') return;
    this.#armDeadline();
    // The connection is built with the ICE servers the peer has when it connects.
    const relay = await this.#relay;
    if (this.#life.signal.aborted || this.#state.kind !== 'connecting') return;
    this.#relayProblem = relay.problem?.message ?? null;
    this.#peer.options.config = {
      ...this.#peer.options.config,
      iceServers: [...this.#options.ticket.iceServers, ...relay.servers],
    };
    const options: PeerConnectOption & {
      constraints: RTCOfferOptions;
      sdpTransform: (sdp: string) => string;
    } = {
      reliable: true,
      serialization: 'json',
      // The picture's sections ride in this first offer (PeerJS passes these to createOffer):
      // the sharer answers them send-only and attaches the track at admission, so no second
      // negotiation stands between Admit and the first frame.
      constraints: { offerToReceiveVideo: true, offerToReceiveAudio: true },
      sdpTransform: (sdp: string) => withStartBitrate(preferVideoCodecsInSdp(sdp)),
    };
    const channel = this.#peer.connect(this.#options.ticket.peerId, options);
    this.#channel = channel;
    const pc = channel.peerConnection;
    pc?.addEventListener('track', ({ streams, track }) => this.#onTrack(track, streams[0]), {
      signal: this.#life.signal,
    });
    // No path at all (the networks block it, no relay got through): said at once, not after a
    // spinner. Only on the way in; a connection that was up and drops is a reconnect.
    pc?.addEventListener(
      'iceconnectionstatechange',
      () => {
        if (pc.iceConnectionState === 'failed') this.#noPath();
      },
      { signal: this.#life.signal },
    );
    // Once the host has answered, a path opens within a second or two (a relay included);
    // PATH_TIMEOUT_MS without one means there is none to find.
    pc?.addEventListener(
      'signalingstatechange',
      () => {
        if (pc.signalingState === 'stable' && this.#state.kind === 'connecting') {
          this.#armDeadline(this.#options.timeoutMs ?? PATH_TIMEOUT_MS);
        }
      },
      { signal: this.#life.signal },
    );
    channel.on('open', () => this.#onChannelOpen());
    channel.on('data', (data) => this.#onData(data));
    channel.on('close', () => this.#dispatch({ type: 'channel-closed' }));
    channel.on('error', (error) =>
      this.#dispatch({ type: 'peer-error', errorType: error.type, detail: error.message }),
    );
  }

  #onChannelOpen(): void {
    this.#cancelDeadline();
    this.#armWatchdog();
    this.#every(PING_INTERVAL_MS, () =>
      this.#send(wire<ViewerMessage>({ type: 'ping', t: Math.round(performance.now()) })),
    );
    this.#dispatch({ type: 'channel-open' });
  }

  /** Rearmed by every valid message: it fires the moment the host has been silent too long. */
  #armWatchdog(): void {
    this.#cancelWatchdog();
    if (this.#life.signal.aborted) return;
    // Halfway, ask the server whether the host is still there: the answer decides at the limit
    // between reconnecting and ended, so a crashed host still ends within five seconds.
    let probe: ReturnType<typeof probeHost> | null = null;
    const half = setTimeout(() => {
      probe = probeHost(this.#options.ticket);
    }, SILENCE_LIMIT_MS / 2);
    const id = setTimeout(() => {
      const result = probe?.result ?? 'unreachable';
      console.warn(`Deskbridge: nothing from the host for ${SILENCE_LIMIT_MS} ms (${result})`);
      this.#dispatch({ type: 'host-silent', reconnect: afterSilence(result) === 'reconnect' });
    }, SILENCE_LIMIT_MS);
    this.#cancelWatchdog = () => {
      clearTimeout(half);
      clearTimeout(id);
      probe?.stop();
    };
  }

  #onData(data: unknown): void {
    const theirs = otherWireVersion(data);
    if (theirs !== null) {
      this.#dispatch({ type: 'version-mismatch', theirs });
      return;
    }
    const parsed = parseSharerMessage(data);
    if (!parsed.ok) {
      this.#dropped += 1;
      console.warn(
        `Deskbridge: dropped a message from the host (${this.#dropped}):`,
        parsed.reason,
      );
      return;
    }
    this.#armWatchdog();
    const { message } = parsed;
    this.#dispatch({ type: 'message', message });
  }

  /** The sharer's tracks as they are announced; shown only once we are admitted (#showPicture). */
  #onTrack(track: MediaStreamTrack, announced: MediaStream | undefined): void {
    const stream = announced ?? this.#remote ?? new MediaStream();
    if (!stream.getTracks().includes(track)) stream.addTrack(track);
    this.#remote = stream;
    this.#showPicture();
  }

  #showPicture(): void {
    const { kind } = this.#state;
    if (this.#remote && (kind === 'waiting' || kind === 'live')) {
      this.#dispatch({ type: 'stream', stream: this.#remote });
    }
  }

  #dispatch(event: ViewerEvent): void {
    if (this.#life.signal.aborted) return;
    const { state, effects } = viewerTransition(this.#state, event);
    if (state !== this.#state) {
      this.#state = state;
      if (isTerminal(state)) this.#controlDispatch({ type: 'session-over' });
      this.#options.onState(state);
    }
    for (const effect of effects) this.#perform(effect);
    // Admitted: the tracks announced in the first answer are ours to show now.
    if (state.kind === 'waiting' && state.stream === null) this.#showPicture();
  }

  #controlDispatch(event: ControlEvent): void {
    if (this.#life.signal.aborted) return;
    const { control, effects } = controlTransition(this.#control, event);
    const changed = control !== this.#control;
    this.#control = control;
    // In control, the real pointer speaks for us.
    if (control.kind === 'granted') this.hidePointer();
    // Effects first: the releases still owed leave before anyone hears that control is over.
    for (const effect of effects) this.#performControl(effect);
    if (changed) this.#options.onControl?.(control);
  }

  #performControl(effect: ControlEffect): void {
    switch (effect.type) {
      case 'send':
        this.#send(effect.message);
        return;
      case 'release-held':
        this.#sendHeldReleases(effect.epoch);
        return;
      case 'forget-held':
        this.#held.clear();
        return;
      case 'warn':
        console.warn('Deskbridge:', effect.message);
        return;
      default:
        assertNever(effect);
    }
  }

  #sendHeldReleases(epoch: number): void {
    for (const event of this.#held.release()) this.#sendInput(epoch, event);
  }

  #sendInput(epoch: number, event: InputEvent): void {
    this.#send(wire<ViewerMessage>({ type: 'input', epoch, seq: this.#seq, event }));
    this.#seq += 1;
  }

  #perform(effect: ViewerEffect): void {
    switch (effect.type) {
      case 'hello':
        this.#send(
          wire<ViewerMessage>({ type: 'hello', client: this.#options.client, nonce: this.#nonce }),
        );
        return;
      case 'check-host':
        void this.#checkHost(effect.proof);
        return;
      case 'ready':
        if (this.#name !== null) this.#dispatch({ type: 'join', name: this.#name });
        return;
      case 'prove':
        this.#prove(effect.nonce);
        return;
      case 'send':
        this.#send(effect.message);
        return;
      case 'shutdown':
        this.#teardown();
        return;
      case 'control':
        this.#controlDispatch({ type: 'message', message: effect.message });
        return;
      case 'pointer':
        if (effect.message.type === 'pointers') {
          this.#pointersAllowed = effect.message.allowed;
          if (!effect.message.allowed) this.hidePointer();
        }
        this.#options.onPointer?.(effect.message);
        return;
      case 'rejoin-token':
        this.#options.onRejoinToken?.(effect.token);
        return;
      case 'relinked':
        this.#options.onRelinked?.(effect.peer);
        return;
      case 'warn':
        console.warn('Deskbridge:', effect.message);
        return;
      default:
        assertNever(effect);
    }
  }

  /**
   * What both proofs cover: a nonce, both peer ids and both DTLS fingerprints as we see them —
   * or null, and the connection refused, when the descriptions or transports show someone in
   * the middle (several certificates, a section off the data channel's transport).
   */
  async #proofContext(nonce: string): Promise<ProofContext | null> {
    const connection = this.#channel?.peerConnection;
    const seen = connection ? provedFingerprints(connection) : null;
    const problem = connection ? await transportProblem(connection) : 'no-data-transport';
    if (!seen || problem) {
      console.warn(`Deskbridge: refusing the connection (${problem ?? 'description'})`);
      this.#dispatch({ type: 'tampered' });
      return null;
    }
    return {
      nonce,
      sharerPeerId: this.#options.ticket.peerId,
      viewerPeerId: this.#peer.id,
      sharerFingerprint: seen.remote,
      viewerFingerprint: seen.local,
    };
  }

  /**
   * The host proves the key over our nonce before we trust anything it says or sends: an
   * impostor (a signalling server, or anyone who sends a link to this page) cannot, and is
   * refused before it can show a picture, a control prompt or receive a key.
   */
  async #checkHost(proof: string): Promise<void> {
    try {
      const context = await this.#proofContext(this.#nonce);
      if (!context) return;
      const proved = await verifyProof(this.#options.ticket.key, context, proof, 'host');
      this.#dispatch({ type: 'host-checked', proved });
      if (proved) await this.#tellWords(context);
    } catch (error) {
      this.#dispatch({ type: 'fault', detail: String(error) });
    }
  }

  async #tellWords({ sharerFingerprint, viewerFingerprint }: ProofContext): Promise<void> {
    const { key } = this.#options.ticket;
    const words = await verificationWords(
      key,
      sharerFingerprint,
      viewerFingerprint,
      VERIFICATION_WORDS,
    );
    if (!this.#life.signal.aborted) this.#options.onWords?.(words);
  }

  /**
   * Our proof covers both DTLS fingerprints as we see them, so a signalling server that swapped
   * SDP to sit in the middle fails it; they also go in clear, so the host can tell that apart
   * from a wrong key.
   */
  async #prove(nonce: string): Promise<void> {
    const { ticket } = this.#options;
    try {
      const context = await this.#proofContext(nonce);
      if (!context) return;
      const mac = await computeProof(ticket.key, context, 'guest');
      const { rejoinToken, client } = this.#options;
      const rejoin = rejoinToken
        ? await computeRejoinProof(rejoinToken, { ...context, client }).catch(() => undefined)
        : undefined;
      if (this.#state.kind === 'checking' && this.#state.step === 'proof') {
        const { sharerFingerprint, viewerFingerprint } = context;
        this.#send(
          wire<ViewerMessage>({
            type: 'proof',
            mac,
            sharerFingerprint,
            viewerFingerprint,
            ...(rejoin && { rejoin }),
          }),
        );
      }
    } catch (error) {
      this.#dispatch({ type: 'fault', detail: String(error) });
    }
  }

  #send(message: ViewerMessage): void {
    const channel = this.#channel;
    if (!channel?.open || this.#life.signal.aborted) return;
    try {
      void channel.send(message);
    } catch (error) {
      console.warn('Deskbridge: could not send', message.type, error);
    }
  }

  #armDeadline(ms = this.#options.timeoutMs ?? STEP_TIMEOUT_MS): void {
    this.#cancelDeadline();
    const id = setTimeout(() => {
      // The host answered, yet no path opened: the networks between block it. No answer at all
      // is another story (the host is gone, or the link is old).
      if (this.#channel?.peerConnection?.remoteDescription) this.#noPath();
      else this.#dispatch({ type: 'timeout' });
    }, ms);
    this.#cancelDeadline = () => clearTimeout(id);
  }

  #noPath(): void {
    this.#dispatch({ type: 'no-path', detail: this.#relayProblem });
  }

  #every(ms: number, tick: () => void): void {
    const id = setInterval(tick, ms);
    this.#life.signal.addEventListener('abort', () => clearInterval(id), { once: true });
  }

  #leave(): void {
    if (this.#life.signal.aborted) return;
    // Best effort: on pagehide the page may be gone before this leaves the socket buffer. Keys
    // and buttons held on the host's side are let go before the goodbye.
    this.releaseHeld();
    if (!isTerminal(this.#state)) this.#send(wire<ViewerMessage>({ type: 'bye', reason: 'left' }));
    this.#teardown();
  }

  #teardown(): void {
    if (this.#life.signal.aborted) return;
    this.#life.abort();
    this.#cancelDeadline();
    this.#cancelWatchdog();
    this.#channel?.close();
    this.#peer.destroy();
    this.#peer.removeAllListeners();
  }
}
