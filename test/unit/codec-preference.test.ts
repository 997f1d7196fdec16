import { describe, expect, it } from 'vitest';
import { orderCodecs, preferVideoCodecsInSdp } from '../../src/shared/codec-preference.js';

const OFFER = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=rtpmap:111 opus/48000/2',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 45 102',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:97 rtx/90000',
  'a=rtpmap:98 VP9/90000',
  'a=rtpmap:45 AV1/90000',
  'a=rtpmap:102 H264/90000',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'a=rtpmap:120 H265/90000',
].join('\r\n');

// Chromium's receiver capabilities, in its own order (VP8 first), with two H.264 profiles.
const LOCAL = [
  { mimeType: 'video/VP8' },
  { mimeType: 'video/rtx' },
  { mimeType: 'video/H264', sdpFmtpLine: 'profile-level-id=42001f' },
  { mimeType: 'video/VP9', sdpFmtpLine: 'profile-id=0' },
  { mimeType: 'video/H264', sdpFmtpLine: 'profile-level-id=42e01f' },
  { mimeType: 'video/AV1' },
  { mimeType: 'video/red' },
  { mimeType: 'video/ulpfec' },
  { mimeType: 'video/H265' },
];

/** What OFFER's video section lists. */
const OFFERED = new Set(['video/av1', 'video/h264', 'video/rtx', 'video/vp8', 'video/vp9']);

describe('orderCodecs', () => {
  it('puts AV1, VP9, VP8, H.264 first, then the rest, RTX/RED/FEC last, among offered codecs', () => {
    const ordered = orderCodecs(LOCAL, OFFERED).map((codec) => codec.mimeType);
    expect(ordered).toEqual([
      'video/AV1',
      'video/VP9',
      'video/VP8',
      'video/H264',
      'video/H264',
      'video/rtx',
    ]);
  });

  it('keeps the browser order among profiles of one codec', () => {
    const h264 = orderCodecs(LOCAL, new Set(['video/h264'])).map((codec) => codec.sdpFmtpLine);
    expect(h264).toEqual(['profile-level-id=42001f', 'profile-level-id=42e01f']);
  });

  it('skips a preferred codec the other side does not offer', () => {
    const offered = new Set(['video/vp8', 'video/h264', 'video/rtx', 'video/red']);
    const ordered = orderCodecs(LOCAL, offered).map((codec) => codec.mimeType);
    expect(ordered).toEqual(['video/VP8', 'video/H264', 'video/H264', 'video/rtx', 'video/red']);
  });

  it('skips a preferred codec this side cannot decode', () => {
    const local = LOCAL.filter((codec) => codec.mimeType !== 'video/AV1');
    expect(orderCodecs(local, OFFERED)[0]?.mimeType).toBe('video/VP9');
  });

  it('puts other common codecs after the preferred ones', () => {
    const ordered = orderCodecs(LOCAL, new Set(['video/h265', 'video/vp8']));
    expect(ordered.map((codec) => codec.mimeType)).toEqual(['video/VP8', 'video/H265']);
  });

  it('gives nothing (browser defaults) when no preferred codec is common', () => {
    expect(orderCodecs(LOCAL, new Set(['video/h265', 'video/rtx']))).toEqual([]);
    expect(orderCodecs([], OFFERED)).toEqual([]);
  });
});

describe('preferVideoCodecsInSdp', () => {
  it('puts AV1, VP9, VP8, H.264 first in the video section, retransmission last', () => {
    const lines = preferVideoCodecsInSdp(OFFER).split('\r\n');
    expect(lines).toContain('m=video 9 UDP/TLS/RTP/SAVPF 45 98 96 102 97');
  });

  it('leaves every other line alone, line endings included', () => {
    const before = OFFER.split('\r\n');
    const after = preferVideoCodecsInSdp(OFFER).split('\r\n');
    expect(after).toHaveLength(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual([
      'm=video 9 UDP/TLS/RTP/SAVPF 45 98 96 102 97',
    ]);
    expect(preferVideoCodecsInSdp(`${OFFER}\r\n`).endsWith('\r\n')).toBe(true);
    expect(preferVideoCodecsInSdp(OFFER.replaceAll('\r\n', '\n'))).toContain('SAVPF 45 98 96');
  });

  it('orders every video section, and leaves one without a preferred codec as it was', () => {
    const two = [
      'm=video 9 UDP/TLS/RTP/SAVPF 96 45',
      'a=rtpmap:96 VP8/90000',
      'a=rtpmap:45 AV1/90000',
      'm=video 9 UDP/TLS/RTP/SAVPF 120 121',
      'a=rtpmap:120 H265/90000',
      'a=rtpmap:121 rtx/90000',
    ].join('\r\n');
    const lines = preferVideoCodecsInSdp(two).split('\r\n');
    expect(lines[0]).toBe('m=video 9 UDP/TLS/RTP/SAVPF 45 96');
    expect(lines[3]).toBe('m=video 9 UDP/TLS/RTP/SAVPF 120 121');
  });

  it('keeps a payload type it cannot name, after the preferred ones', () => {
    const sdp = ['m=video 9 UDP/TLS/RTP/SAVPF 34 96', 'a=rtpmap:96 VP8/90000'].join('\r\n');
    expect(preferVideoCodecsInSdp(sdp).split('\r\n')[0]).toBe('m=video 9 UDP/TLS/RTP/SAVPF 96 34');
  });
});
