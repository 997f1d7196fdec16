import * as v from 'valibot';
import { InputEventSchema } from './input.js';

/**
 * Sharer ↔ viewer messages over the PeerJS DataConnection: `{v: 2, type, ...}`. Everything that
 * arrives is `unknown` until one of the parsers below accepts it; a rejected message is dropped
 * and counted by the receiver, never thrown into the session. A message of another version is
 * not dropped quietly: `otherWireVersion` tells the receiver, which says "update" (v2: the host
 * proves the key too, and the media/offer renegotiation is gone).
 */
export const WIRE_VERSION = 2;
export const MAX_NAME_LENGTH = 64;
const MAX_MESSAGE_CHARS = 4096;

const token = (max: number) => v.pipe(v.string(), v.maxLength(max), v.regex(/^[A-Za-z0-9_-]+$/));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const base = { v: v.literal(WIRE_VERSION) };
const unit = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const fingerprint = v.pipe(v.string(), v.maxLength(200), v.regex(/^[a-z0-9-]+ [0-9A-F:]+$/));

/** A guest's display name: control characters removed, whitespace collapsed, length-limited. */
export function cleanName(raw: string): string {
  const cleaned = raw
    // Whitespace first, so a tab or line break still separates words.
    .replace(/\s+/g, ' ')
    // Control and bidi characters, and lone surrogates. ZWJ/ZWNJ stay: emoji and many scripts need them.
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
      /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069]|\p{Cs}/gu,
      '',
    )
    .replace(/\s+/g, ' ')
    .trim();
  // Cutting may split a surrogate pair or leave a trailing space: mend both.
  return cleaned
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[\ud800-\udbff]$/, '')
    .trimEnd();
}

const name = v.pipe(
  v.string(),
  v.maxLength(MAX_NAME_LENGTH * 4),
  v.transform(cleanName),
  v.nonEmpty('The name is empty.'),
);

export const DENY_REASONS = [
  'invalid-link',
  'declined',
  'full',
  'removed',
  'security',
  'busy',
  /** The other side speaks another wire version (what it sees first is the version itself). */
  'version',
] as const;
export const BYE_REASONS = ['ended', 'left', 'timeout'] as const;
export const REVOKE_REASONS = [
  'released',
  'taken-back',
  'given-to-other',
  'guest-left',
  'session-ended',
  'executor-lost',
] as const;
const scope = v.picklist(['tab', 'desktop']);
const epoch = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

const ViewerMessageSchema = v.variant('type', [
  // `client` is the viewer's own random id for this share, kept across reloads: a removed guest
  // who comes back with the same link is recognised and must be admitted again. No name yet:
  // the page proves the key while the guest is still typing it (join-ahead, docs/architecture.md).
  // `nonce` is the viewer's own challenge: the host proves the key over it (proof.ts).
  v.object({ ...base, type: v.literal('hello'), client: token(64), nonce: token(128) }),
  // The fingerprints the viewer sees travel in clear beside the MAC (which covers them too), so
  // the sharer can tell a man in the middle (views differ) from a wrong key (views agree).
  v.object({
    ...base,
    type: v.literal('proof'),
    mac: token(128),
    sharerFingerprint: fingerprint,
    viewerFingerprint: fingerprint,
    // A guest back within the grace period also proves its rejoin token (rejoin.ts).
    rejoin: v.optional(token(128)),
  }),
  /** The guest pressed Join: only now is there a name for the sharer to admit. */
  v.object({ ...base, type: v.literal('join'), name }),
  v.object({ ...base, type: v.literal('ping'), t: time }),
  v.object({ ...base, type: v.literal('pong'), t: time }),
  v.object({ ...base, type: v.literal('bye'), reason: v.picklist(BYE_REASONS) }),
  v.object({ ...base, type: v.literal('control/request') }),
  v.object({ ...base, type: v.literal('control/release') }),
  v.object({ ...base, type: v.literal('input'), epoch, seq: epoch, event: InputEventSchema }),
  // The laser pointer: where this guest points on the picture, shown to everyone, no control.
  v.object({ ...base, type: v.literal('pointer'), nx: unit, ny: unit }),
  v.object({ ...base, type: v.literal('pointer/hide') }),
]);

const dimension = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(16384));

const SharerMessageSchema = v.variant('type', [
  v.object({ ...base, type: v.literal('challenge'), nonce: token(128) }),
  /**
   * The guest's proof holds: it may now say who it is (`join`) whenever it likes. `proof` is the
   * host's own, over the guest's nonce (from `hello`): the guest checks it before anything else.
   */
  v.object({ ...base, type: v.literal('proved'), proof: token(128) }),
  v.object({ ...base, type: v.literal('waiting') }),
  v.object({ ...base, type: v.literal('admitted') }),
  /** An admitted guest's rejoin token (rejoin.ts): kept in its tab, proved when it comes back. */
  v.object({ ...base, type: v.literal('rejoin'), token: token(64) }),
  /** New link: the share's new peer id, for a guest in (its token and client id move there). */
  v.object({ ...base, type: v.literal('relinked'), peer: token(64) }),
  v.object({ ...base, type: v.literal('denied'), reason: v.picklist(DENY_REASONS) }),
  v.object({
    ...base,
    type: v.literal('surface'),
    width: dimension,
    height: dimension,
    kind: v.picklist(['monitor', 'window', 'browser', 'unknown']),
  }),
  v.object({ ...base, type: v.literal('ping'), t: time }),
  v.object({ ...base, type: v.literal('pong'), t: time }),
  v.object({ ...base, type: v.literal('bye'), reason: v.picklist(BYE_REASONS) }),
  v.object({ ...base, type: v.literal('control/granted'), epoch, scope }),
  v.object({
    ...base,
    type: v.literal('control/revoked'),
    epoch,
    reason: v.picklist(REVOKE_REASONS),
  }),
  v.object({ ...base, type: v.literal('control/denied') }),
  /** Whether the sharer lets guests point (off unless the sharer turns it on). */
  v.object({ ...base, type: v.literal('pointers'), allowed: v.boolean() }),
  v.object({ ...base, type: v.literal('pointer'), id: token(16), name, nx: unit, ny: unit }),
  v.object({ ...base, type: v.literal('pointer/hide'), id: token(16) }),
  v.object({
    ...base,
    type: v.literal('control/queued'),
    position: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  }),
]);

export type ViewerMessage = v.InferOutput<typeof ViewerMessageSchema>;
export type SharerMessage = v.InferOutput<typeof SharerMessageSchema>;
export type DenyReason = (typeof DENY_REASONS)[number];
export type ByeReason = (typeof BYE_REASONS)[number];

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

function parseWith<T>(schema: v.GenericSchema<unknown, T>, data: unknown): Parsed<T> {
  // A size cap before parsing, so a huge payload costs one stringify at most.
  let size: number;
  try {
    size = typeof data === 'string' ? data.length : (JSON.stringify(data)?.length ?? 0);
  } catch {
    return { ok: false, reason: 'not serialisable' };
  }
  if (size > MAX_MESSAGE_CHARS) return { ok: false, reason: `too large (${size} chars)` };
  const result = v.safeParse(schema, data);
  if (result.success) return { ok: true, message: result.output };
  const issue = result.issues[0];
  return { ok: false, reason: `${v.getDotPath(issue) ?? 'message'}: ${issue.message}` };
}

/**
 * The version of a message from a Deskbridge of another wire version, or null (ours, or not a
 * message at all). Read before parsing, so the two sides can say "update" rather than time out.
 */
export function otherWireVersion(data: unknown): number | null {
  if (typeof data !== 'object' || data === null || !('v' in data) || !('type' in data)) {
    return null;
  }
  const { v: version, type } = data as { v: unknown; type: unknown };
  const plausible =
    typeof type === 'string' && Number.isInteger(version) && (version as number) > 0;
  return plausible && version !== WIRE_VERSION ? (version as number) : null;
}

export const parseViewerMessage = (data: unknown) => parseWith(ViewerMessageSchema, data);
export const parseSharerMessage = (data: unknown) => parseWith(SharerMessageSchema, data);

type WithoutVersion<T> = T extends unknown ? Omit<T, 'v'> : never;

export function wire<T extends ViewerMessage | SharerMessage>(message: WithoutVersion<T>): T {
  return { v: WIRE_VERSION, ...message } as T;
}
