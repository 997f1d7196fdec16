import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintOfDigest } from '../../src/shared/fingerprint.js';
import {
  type DtlsTransportView,
  provedFingerprints,
  type TransportView,
  transportProblem,
} from '../../src/shared/proved-transport.js';

const hexOf = (n: number) =>
  Array.from({ length: 32 }, (_, i) => ((i * n) % 256).toString(16).padStart(2, '0'))
    .join(':')
    .toUpperCase();

/** A certificate is only bytes here; its fingerprint is their SHA-256, as DTLS computes it. */
const CERTIFICATE = new TextEncoder().encode('the guest’s certificate').buffer as ArrayBuffer;
const OTHER_CERTIFICATE = new TextEncoder().encode('the attacker’s').buffer as ArrayBuffer;
const certificateFingerprint = fingerprintOfDigest(
  'sha-256 00',
  await webcrypto.subtle.digest('SHA-256', CERTIFICATE),
);
const LOCAL = `sha-256 ${hexOf(7)}`;

const description = (fingerprint: string, group = 'a=group:BUNDLE 0 1') => ({
  sdp: [
    'v=0',
    't=0 0',
    group,
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    `a=fingerprint:${fingerprint}`,
    'a=mid:0',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    `a=fingerprint:${fingerprint}`,
    'a=mid:1',
    '',
  ].join('\r\n'),
});

function connection({
  remoteGroup = 'a=group:BUNDLE 0 1',
  certificates = [CERTIFICATE] as ArrayBuffer[] | undefined,
  videoTransport = 'proved' as 'proved' | 'other' | 'none',
  sctp = true,
} = {}): TransportView {
  const proved: DtlsTransportView = certificates
    ? { getRemoteCertificates: () => certificates }
    : {};
  const other = {};
  const video = videoTransport === 'proved' ? proved : videoTransport === 'other' ? other : null;
  return {
    localDescription: description(LOCAL),
    remoteDescription: description(certificateFingerprint, remoteGroup),
    sctp: sctp ? { transport: proved } : null,
    getTransceivers: () => [{ sender: { transport: video }, receiver: { transport: video } }],
  };
}

describe('provedFingerprints', () => {
  it('gives both sides’ fingerprints from one-transport descriptions', () => {
    expect(provedFingerprints(connection())).toEqual({
      local: LOCAL,
      remote: certificateFingerprint,
    });
  });

  it('is null when either description lets a section off the bundle', () => {
    expect(provedFingerprints(connection({ remoteGroup: 'a=group:BUNDLE 1' }))).toBeNull();
  });
});

describe('transportProblem', () => {
  it('finds none when everything rides the data channel’s transport to the named certificate', async () => {
    expect(await transportProblem(connection())).toBeNull();
  });

  it('accepts transceivers not negotiated yet (no transport)', async () => {
    expect(await transportProblem(connection({ videoTransport: 'none' }))).toBeNull();
  });

  it('refuses a sender or receiver on another transport (the split-out video)', async () => {
    expect(await transportProblem(connection({ videoTransport: 'other' }))).toBe('other-transport');
  });

  it('refuses a peer whose certificate is not the one its description names', async () => {
    expect(await transportProblem(connection({ certificates: [OTHER_CERTIFICATE] }))).toBe(
      'certificate',
    );
  });

  it('refuses a transport that shows no certificate at all', async () => {
    expect(await transportProblem(connection({ certificates: [] }))).toBe('certificate');
  });

  it('relies on descriptions and transports where the browser shows no certificates', async () => {
    expect(await transportProblem(connection({ certificates: undefined }))).toBeNull();
  });

  it('refuses a connection with no data channel transport', async () => {
    expect(await transportProblem(connection({ sctp: false }))).toBe('no-data-transport');
  });

  it('refuses descriptions that are not one bundled transport', async () => {
    expect(await transportProblem(connection({ remoteGroup: 'a=group:BUNDLE 1' }))).toBe(
      'description',
    );
  });
});
