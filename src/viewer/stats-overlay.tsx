import type { MediaStats } from '../shared/media-stats.js';
import { STATS_TEXT } from './texts.js';

/** The figures over the picture; each value carries `data-stat` for tests and the benchmark. */
export function StatsOverlay({ stats }: { stats: MediaStats | null }) {
  const { units } = STATS_TEXT;
  const rows: [string, keyof MediaStats, string][] = stats
    ? [
        [STATS_TEXT.resolution, 'width', stats.width > 0 ? `${stats.width}×${stats.height}` : '—'],
        [STATS_TEXT.frameRate, 'fps', `${stats.fps} ${units.fps}`],
        [STATS_TEXT.bitrate, 'bitrateKbps', `${stats.bitrateKbps} ${units.kbps}`],
        [STATS_TEXT.roundTrip, 'rttMs', stats.rttMs === null ? '—' : `${stats.rttMs} ${units.ms}`],
        [
          STATS_TEXT.loss,
          'lossPercent',
          stats.lossPercent === null ? '—' : `${stats.lossPercent} %`,
        ],
        [STATS_TEXT.codec, 'codec', stats.codec || '—'],
        [STATS_TEXT.path, 'path', stats.path === 'unknown' ? '—' : units[stats.path]],
      ]
    : [];
  return (
    <section class="stats-overlay" aria-label={STATS_TEXT.overlay}>
      {stats ? (
        <dl>
          {rows.map(([label, key, value]) => (
            <div key={key}>
              <dt>{label}</dt>
              <dd data-stat={key}>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{STATS_TEXT.measuring}</p>
      )}
    </section>
  );
}
