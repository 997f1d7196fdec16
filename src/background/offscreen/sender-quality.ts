import {
  type MediaStats,
  type StatsEntry,
  type StatsSample,
  summarise,
} from '../../shared/media-stats.js';
import { type SenderTuning, tunedParameters } from '../../shared/quality.js';

const FIRST_FRAME_ATTEMPTS = 8;
const FIRST_FRAME_RETRY_MS = 150;
/** How often, and how long, to look for the (scaled-down) first frame before going sharp. */
const SHARPEN_POLL_MS = 20;
const SHARPEN_WITHIN_MS = 2_000;

/**
 * One guest's video sender: the preset's ceiling (bitrate, frame rate, degradation) and the
 * figures read back from getStats. Each guest has its own connection, so its own ceiling.
 */
export class SenderQuality {
  private sample: StatsSample | null = null;
  private latest: MediaStats | null = null;
  private totals = { framesSent: 0, bytesSent: 0 };
  /** The first parameters are set: a track attached now has its first frame encoded under them. */
  readonly applied: Promise<void>;

  constructor(
    private readonly pc: RTCPeerConnection,
    private tuning: SenderTuning,
    private readonly signal: AbortSignal,
    /** The first frame's scale (firstFrameScale); full resolution once it has gone out. */
    private firstFrameScale = 1,
  ) {
    this.applied = this.apply();
    // Before negotiation a sender may have no encodings yet: apply again once (re)connected.
    pc.addEventListener(
      'connectionstatechange',
      () => {
        if (pc.connectionState !== 'connected') return;
        void this.apply();
        void this.untilFirstFrame(signal);
      },
      { signal },
    );
  }

  /** The answer is applied: the encodings exist now, and the first frame can go out. */
  negotiated(): void {
    void this.apply();
    void this.untilFirstFrame(this.signal);
    void this.sharpenAfterFirstFrame(this.signal);
  }

  get stats(): MediaStats | null {
    return this.latest;
  }

  get counters(): { framesSent: number; bytesSent: number } {
    return this.totals;
  }

  /** A new preset from the settings, for a live share. */
  retune(tuning: SenderTuning): void {
    this.tuning = tuning;
    void this.apply();
  }

  async refresh(): Promise<void> {
    const report = await this.pc.getStats();
    const entries = [...report.values()] as StatsEntry[];
    const reading = summarise(entries, 'outbound', this.sample, Date.now());
    if (!reading) return;
    this.sample = reading.sample;
    this.latest = reading.stats;
    this.totals = { framesSent: reading.sample.frames, bytesSent: reading.sample.bytes };
  }

  /**
   * The sender took the track before negotiation, when the capturer's refresh frame went to an
   * encoder not ready yet; a still screen then gives nothing new for about a second. Attaching
   * the track again asks the capturer for the current frame — again while none has gone out
   * (a loaded machine may still be starting the encoder).
   */
  private async untilFirstFrame(signal: AbortSignal): Promise<void> {
    for (let attempt = 0; attempt < FIRST_FRAME_ATTEMPTS; attempt++) {
      // The attach just made asks for a frame itself: detaching at once would only lose it.
      await new Promise((resolve) => setTimeout(resolve, FIRST_FRAME_RETRY_MS));
      if (signal.aborted || (await this.framesSent()) > 0) return;
      await this.refreshFrame();
    }
  }

  /**
   * Full resolution as soon as the first (scaled-down) frame is out: the guest sees the screen
   * ~100 ms sooner, soft for a moment. Full resolution in the end whatever happens.
   */
  private async sharpenAfterFirstFrame(signal: AbortSignal): Promise<void> {
    if (this.firstFrameScale === 1) return;
    for (let waited = 0; waited < SHARPEN_WITHIN_MS; waited += SHARPEN_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, SHARPEN_POLL_MS));
      if (signal.aborted || (await this.framesSent()) > 0) break;
    }
    this.firstFrameScale = 1;
    if (!signal.aborted) await this.apply();
  }

  private async framesSent(): Promise<number> {
    let frames = 0;
    (await this.pc.getStats()).forEach((entry) => {
      if (entry.type === 'outbound-rtp' && entry.kind === 'video') frames += entry.framesSent ?? 0;
    });
    return frames;
  }

  private async refreshFrame(): Promise<void> {
    for (const sender of this.pc.getSenders()) {
      const { track } = sender;
      if (track?.kind !== 'video') continue;
      try {
        await sender.replaceTrack(null);
        await sender.replaceTrack(track);
      } catch (error) {
        console.warn('could not refresh the frame', error);
      }
    }
  }

  /** Video senders with a track, or answered send-only and waiting for one (prepared-senders). */
  private videoSenders(): RTCRtpSender[] {
    return this.pc
      .getTransceivers()
      .filter(({ sender, receiver, currentDirection }) =>
        sender.track
          ? sender.track.kind === 'video'
          : receiver.track.kind === 'video' && currentDirection === 'sendonly',
      )
      .map(({ sender }) => sender);
  }

  private async apply(): Promise<void> {
    for (const sender of this.videoSenders()) {
      try {
        const tuned = tunedParameters(sender.getParameters(), this.tuning, this.firstFrameScale);
        await sender.setParameters(tuned);
      } catch (error) {
        console.warn('sender parameters not applied', error);
      }
    }
  }
}
