import { describe, expect, it } from 'vitest';
import { withoutCandidates } from '../../src/shared/sdp-renegotiation.js';

describe('withoutCandidates', () => {
  it('drops candidate lines and end-of-candidates, keeps the rest in order', () => {
    const sdp = [
      'v=0',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
      'a=end-of-candidates',
      'a=ice-ufrag:abcd',
      'a=rtpmap:96 AV1/90000',
      '',
    ].join('\r\n');
    expect(withoutCandidates(sdp)).toBe(
      [
        'v=0',
        'm=video 9 UDP/TLS/RTP/SAVPF 96',
        'a=ice-ufrag:abcd',
        'a=rtpmap:96 AV1/90000',
        '',
      ].join('\r\n'),
    );
  });

  it('leaves an SDP without candidates as it is', () => {
    const sdp = 'v=0\r\na=ice-ufrag:abcd\r\n';
    expect(withoutCandidates(sdp)).toBe(sdp);
  });
});
