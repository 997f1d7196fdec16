import * as v from 'valibot';
import type { MessageKey } from './i18n.js';

/** One RTCStats dictionary, as getStats() gives it (`[...report.values()]`). */
export type StatsEntry = { type: string; id: string } & Record<string, unknown>;

/** direct: host or server-reflexive candidates both ends; relayed: through TURN. */
export type PathKind = 'direct' | 'relayed' | 'unknown';

/** What both sides show: the video of one connection, sent (sharer) or received (viewer). */
export const MediaStatsSchema = v.object({
  width: v.number(),
  height: v.number(),
  fps: v.number(),
  bitrateKbps: v.number(),
  rttMs: v.nullable(v.number()),
  lossPercent: v.nullable(v.number()),
  codec: v.pipe(v.string(), v.maxLength(32)),
  path: v.picklist(['direct', 'relayed', 'unknown']),
});
export type MediaStats = v.InferOutput<typeof MediaStatsSchema>;

/** Counters kept from the last reading, so the next one can give rates. */
export interface StatsSample {
  at: number;
  bytes: number;
  frames: number;
  packets: number;
  lost: number;
}

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const round = (value: number, places = 0) => Number(value.toFixed(places));

function byId(entries: readonly StatsEntry[], id: unknown): StatsEntry | undefined {
  return typeof id === 'string' ? entries.find((entry) => entry.id === id) : undefined;
}

/** The candidate pair in use: the transport names it (Chrome); else the selected/nominated one. */
export function selectedPair(entries: readonly StatsEntry[]): StatsEntry | undefined {
  for (const transport of entries.filter((entry) => entry.type === 'transport')) {
    const pair = byId(entries, transport.selectedCandidatePairId);
    if (pair) return pair;
  }
  const pairs = entries.filter((entry) => entry.type === 'candidate-pair');
  return (
    pairs.find((pair) => pair.selected === true) ??
    pairs.find((pair) => pair.nominated === true && pair.state === 'succeeded')
  );
}

export function pathKind(entries: readonly StatsEntry[]): PathKind {
  const pair = selectedPair(entries);
  if (!pair) return 'unknown';
  const local = byId(entries, pair.localCandidateId);
  const remote = byId(entries, pair.remoteCandidateId);
  const types = [local?.candidateType, remote?.candidateType];
  if (types.includes('relay')) return 'relayed';
  return types.every((type) => typeof type === 'string') ? 'direct' : 'unknown';
}

function codecName(entries: readonly StatsEntry[], rtp: StatsEntry): string {
  const mime = str(byId(entries, rtp.codecId)?.mimeType);
  return mime ? mime.replace(/^video\//i, '') : '';
}

/** Counters of the video stream: outbound-rtp at the sharer, inbound-rtp at the viewer. */
function counters(
  entries: readonly StatsEntry[],
  rtp: StatsEntry,
  at: number,
): StatsSample & { lostKnown: boolean } {
  if (rtp.type === 'outbound-rtp') {
    const remote = entries.find(
      (entry) => entry.type === 'remote-inbound-rtp' && entry.localId === rtp.id,
    );
    const lost = num(remote?.packetsLost);
    return {
      at,
      bytes: num(rtp.bytesSent) ?? 0,
      frames: num(rtp.framesSent) ?? 0,
      packets: num(rtp.packetsSent) ?? 0,
      lost: lost ?? 0,
      lostKnown: lost !== null,
    };
  }
  const lost = num(rtp.packetsLost);
  return {
    at,
    bytes: num(rtp.bytesReceived) ?? 0,
    frames: num(rtp.framesDecoded) ?? 0,
    // Received plus lost: what the sender sent, as the receiver can tell.
    packets: (num(rtp.packetsReceived) ?? 0) + (lost ?? 0),
    lost: lost ?? 0,
    lostKnown: lost !== null,
  };
}

function roundTrip(entries: readonly StatsEntry[], rtp: StatsEntry): number | null {
  const pairRtt = num(selectedPair(entries)?.currentRoundTripTime);
  if (pairRtt !== null) return round(pairRtt * 1000);
  const remote = entries.find(
    (entry) => entry.type === 'remote-inbound-rtp' && entry.localId === rtp.id,
  );
  const rtt = num(remote?.roundTripTime);
  return rtt === null ? null : round(rtt * 1000);
}

/**
 * The figures for one reading, with rates taken against the previous reading (none on the
 * first: 0). Null when the report has no video stream yet.
 */
export function summarise(
  entries: readonly StatsEntry[],
  direction: 'outbound' | 'inbound',
  previous: StatsSample | null,
  at: number,
): { stats: MediaStats; sample: StatsSample } | null {
  const type = direction === 'outbound' ? 'outbound-rtp' : 'inbound-rtp';
  const rtp = entries.find((entry) => entry.type === type && entry.kind === 'video');
  if (!rtp) return null;
  const { lostKnown, ...sample } = counters(entries, rtp, at);
  const seconds = previous ? (at - previous.at) / 1000 : 0;
  const delta = (key: keyof StatsSample) =>
    previous ? Math.max(0, sample[key] - previous[key]) : 0;
  const rate = (value: number) => (seconds > 0 ? value / seconds : 0);
  const packets = delta('packets');
  const reportedFps = num(rtp.framesPerSecond);
  return {
    sample,
    stats: {
      width: num(rtp.frameWidth) ?? 0,
      height: num(rtp.frameHeight) ?? 0,
      fps: round(previous ? rate(delta('frames')) : (reportedFps ?? 0), 1),
      bitrateKbps: round(rate(delta('bytes') * 8) / 1000),
      rttMs: roundTrip(entries, rtp),
      lossPercent:
        lostKnown && previous ? round(packets > 0 ? (100 * delta('lost')) / packets : 0, 1) : null,
      codec: codecName(entries, rtp),
      path: pathKind(entries),
    },
  };
}

/** The units and path names of the statistics line, in the reader's language. */
export interface StatsWords {
  fps: string;
  kbps: string;
  ms: string;
  loss: string;
  direct: string;
  relayed: string;
}

/** The words from a translator (src/shared stays free of the browser's i18n). */
export function statsWords(t: (key: MessageKey) => string): StatsWords {
  return {
    fps: t('statsUnitFps'),
    kbps: t('statsUnitKbps'),
    ms: t('statsUnitMs'),
    loss: t('statsUnitLoss'),
    direct: t('statsPathDirect'),
    relayed: t('statsPathRelayed'),
  };
}

/** "1920×1080 · 12 fps · 850 kbit/s · 3 ms · 0 % loss · AV1 · direct", for a compact line. */
export function statsLine(stats: MediaStats, words: StatsWords): string {
  const parts = [
    stats.width > 0 ? `${stats.width}×${stats.height}` : '—',
    `${stats.fps} ${words.fps}`,
    `${stats.bitrateKbps} ${words.kbps}`,
    stats.rttMs === null ? null : `${stats.rttMs} ${words.ms}`,
    stats.lossPercent === null ? null : `${stats.lossPercent} ${words.loss}`,
    stats.codec || null,
    stats.path === 'unknown' ? null : words[stats.path],
  ];
  return parts.filter((part) => part !== null).join(' · ');
}
