import { describe, expect, it } from 'vitest';
import {
  digestAlgorithmOf,
  fingerprintOfDigest,
  transportFingerprint,
} from '../../src/shared/fingerprint.js';
import { parseViewerMessage } from '../../src/shared/wire.js';

const HEX =
  '0E:18:A5:E6:B9:61:B2:E4:4E:E6:A9:7E:6D:96:D8:DE:30:9C:04:AA:0F:EC:31:5F:22:74:4B:DD:E8:18:57:94';
const FINGERPRINT = `sha-256 ${HEX}`;

const sdp = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

/** A data-channel offer as Chrome writes it (PeerJS DataConnection), with CRLF line endings. */
const CHROME_OFFER = sdp(
  'v=0',
  'o=- 8415893367513813297 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0',
  'a=candidate:1467250027 1 udp 2122260223 192.168.1.10 54321 typ host generation 0 network-id 1',
  'a=ice-ufrag:Yf3b',
  'a=ice-pwd:3nJXqM0b2Zk9tW7pLr4sHc1V',
  'a=ice-options:trickle',
  `a=fingerprint:${FINGERPRINT}`,
  'a=setup:actpass',
  'a=mid:0',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
);

/** An answer with audio, video and data, one fingerprint per media section as Chrome does. */
const CHROME_MEDIA_ANSWER = sdp(
  'v=0',
  'o=- 2890844526 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1 2',
  'a=msid-semantic: WMS stream',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:Yf3b',
  'a=ice-pwd:3nJXqM0b2Zk9tW7pLr4sHc1V',
  `a=fingerprint:${FINGERPRINT}`,
  'a=setup:active',
  'a=mid:0',
  'a=sendrecv',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'c=IN IP4 0.0.0.0',
  `a=fingerprint:${FINGERPRINT}`,
  'a=setup:active',
  'a=mid:1',
  'a=rtpmap:96 VP8/90000',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0',
  `a=fingerprint:${FINGERPRINT}`,
  'a=setup:active',
  'a=mid:2',
  'a=sctp-port:5000',
);

/** Firefox puts the fingerprint once, at session level, before the first media section. */
const FIREFOX_OFFER = sdp(
  'v=0',
  'o=mozilla...THIS_IS_SDPARTA-128.0 5086519093469400562 0 IN IP4 0.0.0.0',
  's=-',
  't=0 0',
  `a=fingerprint:${FINGERPRINT}`,
  'a=group:BUNDLE 0',
  'a=ice-options:trickle',
  'a=msid-semantic:WMS *',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0',
  'a=sendrecv',
  'a=ice-pwd:a5c3d5b8f0e0ed3a0b7f9d9c1e0c3f2a',
  'a=ice-ufrag:7c1f3b2a',
  'a=mid:0',
  'a=setup:actpass',
  'a=sctp-port:5000',
  'a=max-message-size:1073741823',
);

/** A minimal description of one bundled data section around one fingerprint line. */
const withFingerprintLine = (line: string) =>
  sdp(
    'v=0',
    't=0 0',
    'a=group:BUNDLE 0',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    line,
    'a=mid:0',
  );

const OTHER = `sha-256 ${HEX.replaceAll('0E', 'FF')}`;

describe('transportFingerprint', () => {
  it.each([
    ['a Chrome data-channel offer', CHROME_OFFER],
    ['a Chrome answer with audio, video and data', CHROME_MEDIA_ANSWER],
    ['a Firefox offer with a session-level fingerprint', FIREFOX_OFFER],
    ['an SDP with LF line endings only', CHROME_OFFER.replaceAll('\r\n', '\n')],
    ['an SDP ending with no line break', CHROME_OFFER.trimEnd()],
    [
      'a fingerprint line with trailing spaces',
      withFingerprintLine(`a=fingerprint:${FINGERPRINT}  `),
    ],
    [
      'the same fingerprint at session and media level',
      CHROME_OFFER.replace('t=0 0', `t=0 0\r\na=fingerprint:${FINGERPRINT}`),
    ],
    [
      "Firefox's max-bundle offer: a bundle-only section with port 0",
      FIREFOX_OFFER.replace('a=group:BUNDLE 0', 'a=group:BUNDLE 0 1').concat(
        sdp('m=video 0 UDP/TLS/RTP/SAVPF 120', 'a=bundle-only', 'a=mid:1', 'a=recvonly'),
      ),
    ],
    [
      'a rejected section (port 0) outside the group',
      CHROME_OFFER.concat(sdp('m=video 0 UDP/TLS/RTP/SAVPF 96', 'a=mid:1', 'a=inactive')),
    ],
  ])('reads the fingerprint from %s', (_, text) => {
    expect(transportFingerprint(text)).toBe(FINGERPRINT);
  });

  it('normalises to a lower-case algorithm and upper-case hex', () => {
    const lower = CHROME_OFFER.replace(FINGERPRINT, `SHA-256 ${HEX.toLowerCase()}`);
    expect(transportFingerprint(lower)).toBe(FINGERPRINT);
  });

  it('keeps no line break or carriage return in the result', () => {
    expect(transportFingerprint(CHROME_OFFER)).not.toMatch(/[\r\n]/);
  });

  it('reads other hash algorithms too', () => {
    const sha1 = 'sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB';
    expect(transportFingerprint(withFingerprintLine(`a=fingerprint:${sha1}`))).toBe(sha1);
  });

  // Issue #14, finding 1: a description that lets any section ride another transport, or that
  // names two certificates, is not one the proof can bind.
  it.each([
    [
      'a second fingerprint in the same section',
      CHROME_OFFER.replace('a=setup:actpass', `a=fingerprint:${OTHER}\r\na=setup:actpass`),
    ],
    [
      'a session-level decoy before the sections’ own fingerprint',
      CHROME_OFFER.replace('t=0 0', `t=0 0\r\na=fingerprint:${OTHER}`),
    ],
    [
      'one media section with a fingerprint of its own',
      CHROME_MEDIA_ANSWER.replace(
        `a=fingerprint:${FINGERPRINT}\r\na=setup:active\r\na=mid:1`,
        `a=fingerprint:${OTHER}\r\na=setup:active\r\na=mid:1`,
      ),
    ],
    [
      'the video moved out of the BUNDLE group',
      CHROME_MEDIA_ANSWER.replace('a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 2'),
    ],
    [
      'the video in a BUNDLE group of its own',
      CHROME_MEDIA_ANSWER.replace('a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 2\r\na=group:BUNDLE 1'),
    ],
    ['no BUNDLE group at all', CHROME_MEDIA_ANSWER.replace('a=group:BUNDLE 0 1 2\r\n', '')],
    ['a section without a mid', CHROME_MEDIA_ANSWER.replace('a=mid:1\r\n', '')],
    [
      'a group naming a mid that no section has, missing one that is used',
      CHROME_MEDIA_ANSWER.replace('a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 2 7'),
    ],
  ])('is null for %s', (_, text) => {
    expect(transportFingerprint(text)).toBeNull();
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty SDP', ''],
    ['an SDP without a fingerprint', CHROME_OFFER.replace(`a=fingerprint:${FINGERPRINT}\r\n`, '')],
    [
      'an SDP without any media section',
      sdp('v=0', `a=fingerprint:${FINGERPRINT}`, 'a=group:BUNDLE 0'),
    ],
    ['a fingerprint line without a value', withFingerprintLine('a=fingerprint:sha-256')],
    ['a fingerprint line with an empty value', withFingerprintLine('a=fingerprint:sha-256 ')],
    ['a fingerprint line without an algorithm', withFingerprintLine(`a=fingerprint:${HEX}`)],
    [
      'a value with letters that are not hex',
      withFingerprintLine('a=fingerprint:sha-256 0E:18:ZZ:E6'),
    ],
    ['a value followed by more words', withFingerprintLine(`a=fingerprint:${FINGERPRINT} extra`)],
    ['two spaces before the value', withFingerprintLine(`a=fingerprint:sha-256  ${HEX}`)],
    ['a tab before the value', withFingerprintLine(`a=fingerprint:sha-256\t${HEX}`)],
    ['a value on the next line', withFingerprintLine(`a=fingerprint:sha-256 \r\n${HEX}`)],
    [
      'the attribute not at the start of a line',
      withFingerprintLine(`xa=fingerprint:${FINGERPRINT}`),
    ],
    [
      'another attribute that ends in fingerprint',
      withFingerprintLine(`a=x-fingerprint:${FINGERPRINT}`),
    ],
    ['plain text', 'not an sdp at all'],
  ])('is null for %s', (_, text) => {
    expect(transportFingerprint(text)).toBeNull();
  });

  // RFC 8122: fingerprint = 2UHEX *(":" 2UHEX); the wire accepts only [a-z0-9-] algorithms.
  it.each([
    ['colons only', 'sha-256 :::'],
    ['an odd number of digits', 'sha-256 ABC'],
    ['single digits', 'sha-256 A:B:C'],
    ['a trailing colon', 'sha-256 AB:CD:'],
    ['a leading colon', 'sha-256 :AB:CD'],
    ['a doubled colon', 'sha-256 AB::CD'],
    ['an algorithm with an @', 'sha@256 AB:CD'],
    ['an algorithm with a semicolon', 'sha-256; AB:CD'],
  ])('is null for a malformed fingerprint: %s', (_, value) => {
    expect(transportFingerprint(withFingerprintLine(`a=fingerprint:${value}`))).toBeNull();
  });

  it('refuses a description with one malformed fingerprint line among good ones', () => {
    const text = CHROME_OFFER.replace(
      'a=setup:actpass',
      'a=fingerprint:sha-256 XY\r\na=setup:actpass',
    );
    expect(transportFingerprint(text)).toBeNull();
  });
});

describe('certificate digests as fingerprints', () => {
  it.each([
    ['sha-1', 'SHA-1'],
    ['sha-256', 'SHA-256'],
    ['sha-384', 'SHA-384'],
    ['sha-512', 'SHA-512'],
  ])('names WebCrypto’s hash for %s', (algorithm, name) => {
    expect(digestAlgorithmOf(`${algorithm} AB:CD`)).toBe(name);
  });

  it('knows no hash for an algorithm WebCrypto lacks', () => {
    expect(digestAlgorithmOf('md5 AB:CD')).toBeNull();
    expect(digestAlgorithmOf('garbage')).toBeNull();
  });

  it('writes a digest as an SDP fingerprint of the same algorithm', () => {
    const digest = new Uint8Array([0x0e, 0x18, 0xa5, 0x00, 0xff]).buffer;
    expect(fingerprintOfDigest(FINGERPRINT, digest)).toBe('sha-256 0E:18:A5:00:FF');
  });
});

describe('transportFingerprint and the wire', () => {
  const proof = (fingerprint: string | null) => ({
    v: 2,
    type: 'proof',
    mac: 'm'.repeat(43),
    sharerFingerprint: fingerprint,
    viewerFingerprint: fingerprint,
  });

  it.each([
    ['Chrome', CHROME_OFFER],
    ['Chrome with media', CHROME_MEDIA_ANSWER],
    ['Firefox', FIREFOX_OFFER],
    ['lower-case input', CHROME_OFFER.replace(FINGERPRINT, `SHA-256 ${HEX.toLowerCase()}`)],
  ])('gives a %s fingerprint the proof message accepts as it is', (_, text) => {
    const message = proof(transportFingerprint(text));
    expect(parseViewerMessage(message)).toEqual({ ok: true, message });
  });

  it('gives a sha-512 fingerprint, the longest in use, that still fits the wire', () => {
    const hex = Array.from({ length: 64 }, (_, i) =>
      ((i * 37) % 256).toString(16).padStart(2, '0'),
    );
    const fingerprint = transportFingerprint(
      withFingerprintLine(`a=fingerprint:sha-512 ${hex.join(':')}`),
    );
    expect(fingerprint).toBe(`sha-512 ${hex.join(':').toUpperCase()}`);
    expect(parseViewerMessage(proof(fingerprint)).ok).toBe(true);
  });
});
