/**
 * The DTLS certificate fingerprint from an SDP (`a=fingerprint:sha-256 AB:CD:…`), normalised.
 * The join proof covers both sides' fingerprints as each side sees them: a signalling server that
 * swaps SDP to sit in the middle makes the two sides disagree, and the proof fails.
 */
export function dtlsFingerprint(sdp: string | undefined | null): string | null {
  // RFC 8122: an algorithm token, then hex pairs joined by colons.
  const match =
    /^a=fingerprint:([A-Za-z0-9-]+) ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*)[ \t]*\r?$/m.exec(
      sdp ?? '',
    );
  if (!match) return null;
  const [, algorithm = '', value = ''] = match;
  return `${algorithm.toLowerCase()} ${value.toUpperCase()}`;
}
