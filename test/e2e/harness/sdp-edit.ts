/**
 * SDP surgery for the attacker's signalling relay (security-mitm-bundle.test.ts): what a
 * signalling server could do to the descriptions it carries. Text in, text out — no browser.
 */

export interface Sdp {
  /** Session-level lines, `v=` to the first `m=`. */
  session: string[];
  /** One array of lines per media section, each starting with its `m=` line. */
  sections: string[][];
}

export function parseSdp(text: string): Sdp {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  const session: string[] = [];
  const sections: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([line]);
    else (sections.at(-1) ?? session).push(line);
  }
  return { session, sections };
}

export function writeSdp({ session, sections }: Sdp): string {
  return `${[...session, ...sections.flat()].join('\r\n')}\r\n`;
}

/** The value of `a=name:value` in `lines`, or null. */
export function attribute(lines: string[], name: string): string | null {
  const prefix = `a=${name}:`;
  const line = lines.find((l) => l.startsWith(prefix));
  return line === undefined ? null : line.slice(prefix.length);
}

function setAttribute(lines: string[], name: string, value: string): void {
  const prefix = `a=${name}:`;
  const index = lines.findIndex((l) => l.startsWith(prefix));
  if (index < 0) lines.push(`${prefix}${value}`);
  else lines[index] = `${prefix}${value}`;
}

export function midOf(section: string[]): string | null {
  return attribute(section, 'mid');
}

export function sectionByMid(sdp: Sdp, mid: string): string[] {
  const section = sdp.sections.find((s) => midOf(s) === mid);
  if (!section) throw new Error(`no m-section with mid ${mid}`);
  return section;
}

/** The mid of the first section of `kind` (`video`, `audio`, `application`). */
export function midOfKind(text: string, kind: string): string {
  const section = parseSdp(text).sections.find((s) => s[0]?.startsWith(`m=${kind} `));
  const mid = section && midOf(section);
  if (!mid) throw new Error(`no ${kind} section`);
  return mid;
}

export function bundle(sdp: Sdp): string[] {
  return (attribute(sdp.session, 'group')?.replace(/^BUNDLE ?/, '') ?? '')
    .split(' ')
    .filter(Boolean);
}

function setBundle(sdp: Sdp, mids: string[]): void {
  setAttribute(sdp.session, 'group', `BUNDLE ${mids.join(' ')}`);
}

/** What a DTLS transport is made of, as one side describes it. */
export interface TransportParams {
  ufrag: string;
  pwd: string;
  /** `sha-256 AB:CD:…` as in `a=fingerprint:`. */
  fingerprint: string;
}

export function transportOf(section: string[]): TransportParams {
  const ufrag = attribute(section, 'ice-ufrag');
  const pwd = attribute(section, 'ice-pwd');
  const fingerprint = attribute(section, 'fingerprint');
  if (!ufrag || !pwd || !fingerprint) throw new Error('section without ICE/DTLS parameters');
  return { ufrag, pwd, fingerprint };
}

function setTransport(section: string[], params: TransportParams): void {
  setAttribute(section, 'ice-ufrag', params.ufrag);
  setAttribute(section, 'ice-pwd', params.pwd);
  setAttribute(section, 'fingerprint', params.fingerprint);
}

const MID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:mid';

/**
 * Attack 1: takes `mid` out of the BUNDLE group and gives it the attacker's own ICE credentials,
 * DTLS fingerprint and candidates, so that section gets a transport of its own — to the
 * attacker — while the rest (the data channel, the proof) stays end to end. The MID header
 * extension goes too: on a transport of its own the section needs none, and the attacker's
 * receiver has a mid of its own.
 */
export function splitOutOfBundle(
  text: string,
  mid: string,
  attacker: TransportParams,
  candidates: string[],
): string {
  const sdp = parseSdp(text);
  setBundle(
    sdp,
    bundle(sdp).filter((m) => m !== mid),
  );
  const index = sdp.sections.findIndex((s) => midOf(s) === mid);
  const section = sdp.sections[index];
  if (!section) throw new Error(`no m-section with mid ${mid}`);
  const kept = section.filter(
    (line) => !line.includes(MID_EXTENSION) && !line.startsWith('a=candidate:'),
  );
  setTransport(kept, attacker);
  kept.push(...candidates.map((c) => (c.startsWith('a=') ? c : `a=${c}`)));
  sdp.sections[index] = kept;
  return writeSdp(sdp);
}

/**
 * The other half of attack 1, for the honest guest: its answer shows `mid` back in the bundle,
 * with the bundle's own transport parameters, so the guest notices nothing.
 */
export function backIntoBundle(text: string, mid: string): string {
  const sdp = parseSdp(text);
  const mids = bundle(sdp);
  const order = sdp.sections.map(midOf).filter((m): m is string => m !== null);
  setBundle(
    sdp,
    order.filter((m) => m === mid || mids.includes(m)),
  );
  const tag = sectionByMid(sdp, mids[0] ?? '');
  const section = sectionByMid(sdp, mid);
  setTransport(section, transportOf(tag));
  for (let i = section.length - 1; i >= 0; i--) {
    if (section[i]?.includes(MID_EXTENSION)) section.splice(i, 1);
  }
  return writeSdp(sdp);
}

/**
 * The answer the attacker's own receiving connection needs: just the section `mid` of the
 * sharer's answer, renamed to the attacker's mid, bundled alone.
 */
export function answerForAttacker(sharerAnswer: string, mid: string, attackerMid: string): string {
  const sdp = parseSdp(sharerAnswer);
  const section = sectionByMid(sdp, mid)
    .filter((line) => !line.includes(MID_EXTENSION))
    .map((line) => (line === `a=mid:${mid}` ? `a=mid:${attackerMid}` : line));
  const out: Sdp = { session: [...sdp.session], sections: [section] };
  setBundle(out, [attackerMid]);
  return writeSdp(out);
}

/**
 * Attack 2: a session-level `a=fingerprint` before the media sections. Media-level fingerprints
 * win (RFC 8122), so DTLS still runs with the section's own certificate; a parser that reads
 * the first `a=fingerprint` of the description reads the decoy.
 */
export function withDecoyFingerprint(text: string, decoy: string): string {
  const sdp = parseSdp(text);
  const at = sdp.session.findIndex((line) => line.startsWith('t='));
  sdp.session.splice(at + 1, 0, `a=fingerprint:${decoy}`);
  return writeSdp(sdp);
}

/**
 * Attack 3: the BUNDLE group reordered so that `tag` — which keeps the real, attacker's
 * transport parameters — is the bundle's transport, while the first section in the text
 * shows the `decoy` fingerprint a first-line parser would read.
 */
export function reorderedBundle(text: string, tag: string, decoy: string): string {
  const sdp = parseSdp(text);
  setBundle(sdp, [tag, ...bundle(sdp).filter((m) => m !== tag)]);
  const first = sdp.sections[0];
  if (!first || midOf(first) === tag) throw new Error('the tag must not be the first section');
  setAttribute(first, 'fingerprint', decoy);
  return writeSdp(sdp);
}

/** The first `a=fingerprint` value in the text, as a naive parser reads it. */
export function firstFingerprint(text: string): string | null {
  return /^a=fingerprint:(.+)$/m.exec(text)?.[1]?.trim() ?? null;
}
