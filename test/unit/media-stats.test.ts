import { describe, expect, it } from 'vitest';
import {
  pathKind,
  type StatsEntry,
  statsLine,
  statsWords,
  summarise,
} from '../../src/shared/media-stats.js';
import { english } from './english.js';

const { t } = english;

const candidates = (local: string, remote: string): StatsEntry[] => [
  { type: 'transport', id: 'T1', selectedCandidatePairId: 'CP1' },
  {
    type: 'candidate-pair',
    id: 'CP1',
    localCandidateId: 'L1',
    remoteCandidateId: 'R1',
    currentRoundTripTime: 0.004,
    state: 'succeeded',
    nominated: true,
  },
  { type: 'local-candidate', id: 'L1', candidateType: local },
  { type: 'remote-candidate', id: 'R1', candidateType: remote },
];

const codec: StatsEntry = { type: 'codec', id: 'C1', mimeType: 'video/AV1' };

const outbound = (bytes: number, frames: number, packets: number, lost: number): StatsEntry[] => [
  {
    type: 'outbound-rtp',
    id: 'O1',
    kind: 'video',
    codecId: 'C1',
    bytesSent: bytes,
    framesSent: frames,
    packetsSent: packets,
    frameWidth: 1920,
    frameHeight: 1080,
    framesPerSecond: 7,
  },
  { type: 'remote-inbound-rtp', id: 'RI1', localId: 'O1', packetsLost: lost, roundTripTime: 0.02 },
  codec,
  ...candidates('host', 'host'),
];

const inbound = (bytes: number, frames: number, received: number, lost: number): StatsEntry[] => [
  {
    type: 'inbound-rtp',
    id: 'I1',
    kind: 'video',
    codecId: 'C1',
    bytesReceived: bytes,
    framesDecoded: frames,
    packetsReceived: received,
    packetsLost: lost,
    frameWidth: 1280,
    frameHeight: 720,
  },
  { type: 'inbound-rtp', id: 'I2', kind: 'audio', bytesReceived: 999 },
  codec,
  ...candidates('srflx', 'prflx'),
];

describe('summarise', () => {
  it('gives no figures before there is a video stream', () => {
    expect(summarise(candidates('host', 'host'), 'outbound', null, 0)).toBeNull();
  });

  it('takes the first reading as a baseline: no rate yet', () => {
    const first = summarise(outbound(10_000, 10, 20, 0), 'outbound', null, 1000);
    expect(first?.stats).toEqual({
      width: 1920,
      height: 1080,
      fps: 7,
      bitrateKbps: 0,
      rttMs: 4,
      lossPercent: null,
      codec: 'AV1',
      path: 'direct',
    });
  });

  it('gives the sender rates and loss from the deltas of two readings', () => {
    const first = summarise(outbound(10_000, 10, 100, 0), 'outbound', null, 1000);
    const second = summarise(
      outbound(260_000, 40, 300, 4),
      'outbound',
      first?.sample ?? null,
      3000,
    );
    // 250 000 bytes in 2 s = 1000 kbit/s; 30 frames in 2 s; 4 lost of 200 sent.
    expect(second?.stats).toMatchObject({ bitrateKbps: 1000, fps: 15, lossPercent: 2 });
  });

  it('gives the receiver rates, counting lost packets among those sent', () => {
    const first = summarise(inbound(0, 0, 0, 0), 'inbound', null, 0);
    const second = summarise(inbound(125_000, 12, 95, 5), 'inbound', first?.sample ?? null, 1000);
    expect(second?.stats).toMatchObject({
      width: 1280,
      height: 720,
      fps: 12,
      bitrateKbps: 1000,
      lossPercent: 5,
      codec: 'AV1',
      path: 'direct',
    });
  });

  it('never gives negative rates when counters restart', () => {
    const first = summarise(inbound(500_000, 100, 500, 0), 'inbound', null, 0);
    const second = summarise(inbound(1_000, 1, 1, 0), 'inbound', first?.sample ?? null, 1000);
    expect(second?.stats).toMatchObject({ bitrateKbps: 0, fps: 0, lossPercent: 0 });
  });

  it('falls back to the RTCP round trip without a candidate pair figure', () => {
    const entries = outbound(1, 1, 1, 0).filter((entry) => entry.type !== 'candidate-pair');
    expect(summarise(entries, 'outbound', null, 0)?.stats.rttMs).toBe(20);
  });
});

describe('pathKind', () => {
  it.each([
    ['host', 'host', 'direct'],
    ['srflx', 'host', 'direct'],
    ['prflx', 'srflx', 'direct'],
    ['relay', 'host', 'relayed'],
    ['host', 'relay', 'relayed'],
  ])('%s ↔ %s is %s', (local, remote, kind) => {
    expect(pathKind(candidates(local, remote))).toBe(kind);
  });

  it('is unknown without a selected pair', () => {
    expect(pathKind([{ type: 'candidate-pair', id: 'x', state: 'in-progress' }])).toBe('unknown');
  });

  it('finds the pair Firefox marks as selected', () => {
    const entries: StatsEntry[] = [
      {
        type: 'candidate-pair',
        id: 'a',
        selected: false,
        localCandidateId: 'L',
        remoteCandidateId: 'R',
      },
      {
        type: 'candidate-pair',
        id: 'b',
        selected: true,
        localCandidateId: 'L',
        remoteCandidateId: 'X',
      },
      { type: 'local-candidate', id: 'L', candidateType: 'host' },
      { type: 'remote-candidate', id: 'R', candidateType: 'host' },
      { type: 'remote-candidate', id: 'X', candidateType: 'relay' },
    ];
    expect(pathKind(entries)).toBe('relayed');
  });
});

describe('statsLine', () => {
  const words = statsWords(t);

  it('says it in one line, leaving out what is not known', () => {
    const stats = {
      width: 1920,
      height: 1080,
      fps: 12,
      bitrateKbps: 850,
      rttMs: 3,
      lossPercent: 0,
      codec: 'AV1',
      path: 'direct' as const,
    };
    expect(statsLine(stats, words)).toBe(
      '1920×1080 · 12 fps · 850 kbit/s · 3 ms · 0 % loss · AV1 · direct',
    );
    expect(
      statsLine(
        { ...stats, width: 0, rttMs: null, lossPercent: null, codec: '', path: 'unknown' },
        words,
      ),
    ).toBe('— · 12 fps · 850 kbit/s');
  });
});

describe('statsWords', () => {
  it('takes every unit and path name from the messages', () => {
    expect(statsWords(t)).toEqual({
      fps: 'fps',
      kbps: 'kbit/s',
      ms: 'ms',
      loss: '% loss',
      direct: 'direct',
      relayed: 'relayed (TURN)',
    });
  });
});
