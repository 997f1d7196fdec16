import * as v from 'valibot';
import { InputEventSchema } from './input.js';

/**
 * Sharer ↔ viewer messages over the PeerJS DataConnection: `{v: 1, type, ...}`. Everything that
 * arrives is `unknown` until one of the parsers below accepts it; a rejected message is dropped
 * and counted by the receiver, never thrown into the session.
 */
export const WIRE_VERSION = 1;
export const MAX_NAME_LENGTH = 64;
const MAX_MESSAGE_CHARS = 4096;
/** An SDP offer or answer for the video (media/offer, media/answer) is larger than any other. */
export const MAX_SDP_CHARS = 32_768;
const SDP_MESSAGES = new Set(['media/offer', 'media/answer']);

const token = (max: number) => v.pipe(v.string(), v.maxLength(max), v.regex(/^[A-Za-z0-9_-]+$/));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const base = { v: v.literal(WIRE_VERSION) };
const unit = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const sdp = v.pipe(v.string(), v.maxLength(MAX_SDP_CHARS), v.startsWith('v=0'));
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
  v.object({ ...base, type: v.literal('hello'), client: token(64) }),
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
  /** The answer to the sharer's media/offer, on the same (proved) connection. */
  v.object({ ...base, type: v.literal('media/answer'), sdp }),
]);

const dimension = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(16384));

const SharerMessageSchema = v.variant('type', [
  v.object({ ...base, type: v.literal('challenge'), nonce: token(128) }),
  /** The proof holds: the guest may now say who it is (`join`) whenever it likes. */
  v.object({ ...base, type: v.literal('proved') }),
  v.object({ ...base, type: v.literal('waiting') }),
  v.object({ ...base, type: v.literal('admitted') }),
  /** An admitted guest's rejoin token (rejoin.ts): kept in its tab, proved when it comes back. */
  v.object({ ...base, type: v.literal('rejoin'), token: token(64) }),
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
  /**
   * After admission the sharer adds the video to the data connection's own RTCPeerConnection and
   * renegotiates over the proved channel: no new ICE or DTLS, and no signalling server involved.
   */
  v.object({ ...base, type: v.literal('media/offer'), sdp }),
]);

export type ViewerMessage = v.InferOutput<typeof ViewerMessageSchema>;
export type SharerMessage = v.InferOutput<typeof SharerMessageSchema>;
export type DenyReason = (typeof DENY_REASONS)[number];
export type ByeReason = (typeof BYE_REASONS)[number];

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

function sizeLimit(data: unknown): number {
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : null;
  return typeof type === 'string' && SDP_MESSAGES.has(type)
    ? MAX_SDP_CHARS + 256
    : MAX_MESSAGE_CHARS;
}

function parseWith<T>(schema: v.GenericSchema<unknown, T>, data: unknown): Parsed<T> {
  // A size cap before parsing, so a huge payload costs one stringify at most.
  let size: number;
  try {
    size = typeof data === 'string' ? data.length : (JSON.stringify(data)?.length ?? 0);
  } catch {
    return { ok: false, reason: 'not serialisable' };
  }
  if (size > sizeLimit(data)) return { ok: false, reason: `too large (${size} chars)` };
  const result = v.safeParse(schema, data);
  if (result.success) return { ok: true, message: result.output };
  const issue = result.issues[0];
  return { ok: false, reason: `${v.getDotPath(issue) ?? 'message'}: ${issue.message}` };
}

export const parseViewerMessage = (data: unknown) => parseWith(ViewerMessageSchema, data);
export const parseSharerMessage = (data: unknown) => parseWith(SharerMessageSchema, data);

type WithoutVersion<T> = T extends unknown ? Omit<T, 'v'> : never;

export function wire<T extends ViewerMessage | SharerMessage>(message: WithoutVersion<T>): T {
  return { v: WIRE_VERSION, ...message } as T;
}
