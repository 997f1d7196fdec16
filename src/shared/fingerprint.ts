/**
 * The DTLS certificate fingerprint of a session description, normalised
 * (`sha-256 AB:CD:…`) — but only for a description in which everything rides on one transport.
 *
 * The join proof covers both sides' fingerprints as each side sees them, so a signalling server
 * that swaps SDP to sit in the middle makes the two sides disagree and the proof fails. That
 * holds only if the fingerprint read is the one *every* section uses: a server that moves the
 * video out of the BUNDLE group, with a certificate of its own, leaves the data channel (and the
 * proof) end to end while the picture goes elsewhere (issue #14, finding 1). So a description
 * counts only when
 * - every `a=fingerprint` in it, session or media level, is the same one, and
 * - there is exactly one BUNDLE group, and every section in use is in it.
 * Anything else is null: the caller treats it as tampering.
 */
export function transportFingerprint(sdp: string | undefined | null): string | null {
  const lines = (sdp ?? '').split(/\r?\n/).map((line) => line.replace(/[ \t]+$/, ''));
  const fingerprints = new Set<string>();
  const groups: string[][] = [];
  const sections: { inUse: boolean; mid: string | null }[] = [];
  for (const line of lines) {
    if (line.startsWith('m=')) {
      // Port 0 rejects a section, unless it is bundle-only (Firefox's max-bundle offers).
      sections.push({ inUse: !/^m=\S+ 0 /.test(line), mid: null });
    } else if (line.startsWith('a=fingerprint:')) {
      const fingerprint = parseFingerprint(line.slice('a=fingerprint:'.length));
      if (fingerprint === null) return null;
      fingerprints.add(fingerprint);
    } else if (line.startsWith('a=group:BUNDLE')) {
      groups.push(line.slice('a=group:BUNDLE'.length).split(' ').filter(Boolean));
    } else if (line.startsWith('a=mid:')) {
      const section = sections.at(-1);
      if (section) section.mid = line.slice('a=mid:'.length);
    } else if (line === 'a=bundle-only') {
      const section = sections.at(-1);
      if (section) section.inUse = true;
    }
  }
  const [group, ...others] = groups;
  if (fingerprints.size !== 1 || !group || others.length > 0 || sections.length === 0) return null;
  const bundled = new Set(group);
  const outside = sections.some(
    (section) => section.inUse && (section.mid === null || !bundled.has(section.mid)),
  );
  if (outside) return null;
  const [only] = fingerprints;
  return only ?? null;
}

/** RFC 8122: an algorithm token, one space, then hex pairs joined by colons. */
function parseFingerprint(value: string): string | null {
  const match = /^([A-Za-z0-9-]+) ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*)$/.exec(value);
  if (!match) return null;
  const [, algorithm = '', hex = ''] = match;
  return `${algorithm.toLowerCase()} ${hex.toUpperCase()}`;
}

/** WebCrypto's name for an SDP fingerprint's hash, or null for one it cannot compute. */
export function digestAlgorithmOf(fingerprint: string): string | null {
  const algorithm = fingerprint.slice(0, fingerprint.indexOf(' '));
  const names: Record<string, string> = {
    'sha-1': 'SHA-1',
    'sha-256': 'SHA-256',
    'sha-384': 'SHA-384',
    'sha-512': 'SHA-512',
  };
  return names[algorithm] ?? null;
}

/**
 * The fingerprint, in the form `transportFingerprint` gives, of a certificate whose DER bytes
 * hashed to `digest` under the algorithm of `like` (the fingerprint it is compared with).
 */
export function fingerprintOfDigest(like: string, digest: ArrayBuffer): string {
  const algorithm = like.slice(0, like.indexOf(' '));
  const hex = [...new Uint8Array(digest)].map((byte) =>
    byte.toString(16).toUpperCase().padStart(2, '0'),
  );
  return `${algorithm} ${hex.join(':')}`;
}
