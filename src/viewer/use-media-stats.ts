import { useEffect, useState } from 'preact/hooks';
import {
  type MediaStats,
  type StatsEntry,
  type StatsSample,
  summarise,
} from '../shared/media-stats.js';

export const STATS_INTERVAL_MS = 1_000;

/** The received video's figures, read once a second while `active` (the overlay is shown). */
export function useMediaStats(
  connection: () => RTCPeerConnection | null,
  active: boolean,
): MediaStats | null {
  const [stats, setStats] = useState<MediaStats | null>(null);
  useEffect(() => {
    if (!active) return;
    let sample: StatsSample | null = null;
    let stopped = false;
    const read = async () => {
      const report = await connection()?.getStats();
      if (!report || stopped) return;
      const reading = summarise(
        [...report.values()] as StatsEntry[],
        'inbound',
        sample,
        Date.now(),
      );
      if (!reading) return;
      sample = reading.sample;
      setStats(reading.stats);
    };
    void read();
    const timer = setInterval(() => void read(), STATS_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [connection, active]);
  return stats;
}
