import { describe, expect, it } from 'vitest';
import { START_BITRATE_KBPS, withStartBitrate } from '../../src/shared/start-bitrate.js';

const OFFER = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 45 96 97',
  'a=rtpmap:45 AV1/90000',
  'a=fmtp:45 level-idx=5;profile=0;tier=0',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  '',
].join('\r\n');

describe('withStartBitrate', () => {
  it('adds the start to each video codec’s format line, and a format line where there is none', () => {
    const lines = withStartBitrate(OFFER, 1500).split('\r\n');
    expect(lines).toContain('a=fmtp:45 level-idx=5;profile=0;tier=0;x-google-start-bitrate=1500');
    expect(lines[lines.indexOf('a=rtpmap:96 VP8/90000') + 1]).toBe(
      'a=fmtp:96 x-google-start-bitrate=1500',
    );
  });

  it('leaves audio, retransmission and the line endings alone', () => {
    const out = withStartBitrate(OFFER);
    expect(out).toContain('a=fmtp:111 minptime=10;useinbandfec=1\r\n');
    expect(out).toContain('a=fmtp:97 apt=96\r\n');
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.split('\r\n')).toHaveLength(OFFER.split('\r\n').length + 1);
  });

  it('is idempotent, and uses the default start', () => {
    const once = withStartBitrate(OFFER);
    expect(withStartBitrate(once)).toBe(once);
    expect(once).toContain(`x-google-start-bitrate=${START_BITRATE_KBPS}`);
  });
});
