import {
  type MediaStats,
  type StatsEntry,
  type StatsSample,
  summarise,
} from '../../shared/media-stats.js';
import { type SenderTuning, tunedParameters } from '../../shared/quality.js';

/**
 * One guest's video sender: the preset's ceiling (bitrate, frame rate, degradation) and the
 * figures read back from getStats. Each guest has its own connection, so its own ceiling.
 */
export class SenderQuality {
  private sample: StatsSample | null = null;
  private latest: MediaStats | null = null;
  private totals = { framesSent: 0, bytesSent: 0 };

  constructor(
    private readonly pc: RTCPeerConnection,
    private tuning: SenderTuning,
    signal: AbortSignal,
  ) {
    void this.apply();
    // Before negotiation a sender may have no encodings yet: apply again once connected.
    pc.addEventListener(
      'connectionstatechange',
      () => {
        if (pc.connectionState === 'connected') void this.apply();
      },
      { signal },
    );
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

  private async apply(): Promise<void> {
    for (const sender of this.pc.getSenders()) {
      if (sender.track?.kind !== 'video') continue;
      try {
        await sender.setParameters(tunedParameters(sender.getParameters(), this.tuning));
      } catch (error) {
        console.warn('sender parameters not applied', error);
      }
    }
  }
}
