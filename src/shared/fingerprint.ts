/**
 * The DTLS certificate fingerprint from an SDP (`a=fingerprint:sha-256 AB:CD:…`), normalised.
 * The join proof covers both sides' fingerprints as each side sees them: a signalling server that
 * swaps SDP to sit in the middle makes the two sides disagree, and the proof fails.
 */
export function dtlsFingerprint(sdp: string | undefined | null): string | null {
  const match = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/m.exec(sdp ?? '');
  if (!match) return null;
  const [, algorithm = '', value = ''] = match;
  return `${algorithm.toLowerCase()} ${value.toUpperCase()}`;
}
