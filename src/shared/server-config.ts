/**
 * The Deskbridge server's contract: the well-known document that tells a client everything from
 * one typed address, and the bodies of the ticket and TURN-credential API. The server produces
 * these and the extension and the viewer parse them, with the same schemas.
 */
import * as v from 'valibot';
import { PEER_ID_PATTERN } from './ids.js';
import { IceServerSchema, SignallingSchema } from './settings.js';

export const WELL_KNOWN_PATH = '/.well-known/deskbridge.json';
export const TICKETS_PATH = '/api/tickets';
export const TURN_CREDENTIALS_PATH = '/api/turn-credentials';
export const HEALTH_PATH = '/healthz';
export const VIEWER_PATH = '/viewer/';
/** PeerJS `path` and `key` of the embedded signalling server (the wire of `npx peerjs`). */
export const SIGNALLING_PATH = '/deskbridge';
export const SIGNALLING_KEY = 'peerjs';

/** Where the well-known document of a server address lives (`https://host[:port]`). */
export function wellKnownUrl(serverAddress: string): string {
  return new URL(WELL_KNOWN_PATH, serverAddress).href;
}

const httpUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.url(),
  v.check((url) => /^https?:\/\//.test(url), 'must be http: or https:'),
);

const stunUrl = v.pipe(v.string(), v.maxLength(512), v.regex(/^stuns?:[^\s?#]+$/));
const turnUrl = v.pipe(
  v.string(),
  v.maxLength(512),
  v.regex(/^turns?:[^\s?#]+(\?transport=(udp|tcp))?$/),
);

/** Milliseconds since the epoch, as `Date.now()` gives them. */
const instant = v.pipe(v.number(), v.integer(), v.minValue(0));

export const WellKnownSchema = v.object({
  deskbridge: v.literal(1),
  /** The viewer page guests open; a link is `viewerUrl#…`. */
  viewerUrl: httpUrl,
  signalling: SignallingSchema,
  /** STUN servers only: TURN needs credentials, which come from `turn.credentialsUrl`. */
  iceServers: v.pipe(
    v.array(v.object({ ...IceServerSchema.entries, urls: v.array(stunUrl) })),
    v.maxLength(8),
  ),
  /** Null when the server has no TURN relay configured. */
  turn: v.nullable(v.object({ ticketUrl: httpUrl, credentialsUrl: httpUrl })),
  /** Whether `POST ticketUrl` needs `Authorization: Bearer <access token>`. */
  accessTokenRequired: v.boolean(),
});
export type WellKnown = v.InferOutput<typeof WellKnownSchema>;

/** `payload.mac`, both base64url; the MAC is HMAC-SHA256 (32 bytes). Opaque to clients. */
export const TICKET_PATTERN = /^[A-Za-z0-9_-]{1,512}\.[A-Za-z0-9_-]{43}$/;
const ticket = v.pipe(v.string(), v.regex(TICKET_PATTERN));

export const TicketRequestSchema = v.object({
  peerId: v.pipe(v.string(), v.regex(PEER_ID_PATTERN)),
});
export type TicketRequest = v.InferOutput<typeof TicketRequestSchema>;

export const TicketResponseSchema = v.object({ ticket, expiresAt: instant });
export type TicketResponse = v.InferOutput<typeof TicketResponseSchema>;

export const TurnCredentialsRequestSchema = v.object({ ticket });
export type TurnCredentialsRequest = v.InferOutput<typeof TurnCredentialsRequestSchema>;

export const TurnIceServerSchema = v.object({
  urls: v.pipe(v.array(turnUrl), v.minLength(1), v.maxLength(8)),
  username: v.pipe(v.string(), v.maxLength(256)),
  credential: v.pipe(v.string(), v.maxLength(256)),
});

/**
 * `expiresAt`: new TURN allocations are accepted until then. An allocation made before keeps
 * working past it (coturn checks the expiry when a session first authenticates), so a client
 * fetches fresh credentials for a new connection or an ICE restart after `expiresAt`.
 */
export const TurnCredentialsResponseSchema = v.object({
  iceServers: v.pipe(v.array(TurnIceServerSchema), v.minLength(1), v.maxLength(4)),
  expiresAt: instant,
});
export type TurnCredentialsResponse = v.InferOutput<typeof TurnCredentialsResponseSchema>;

/** Every refusal of the API, as `{error: code}` with the HTTP status beside it. */
export const API_ERRORS = {
  'bad-request': 400,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'too-large': 413,
  'rate-limited': 429,
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;

export const ApiErrorSchema = v.object({
  error: v.picklist(Object.keys(API_ERRORS) as [ApiErrorCode, ...ApiErrorCode[]]),
});
export type ApiError = v.InferOutput<typeof ApiErrorSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Parses a body from `unknown` (JSON already decoded); the problem names the first bad field. */
export function parseWith<const S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): Parsed<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const [issue] = result.issues;
  const path = issue ? v.getDotPath(issue) : null;
  return { ok: false, problem: `${path ?? 'body'}: ${issue?.message ?? 'invalid'}` };
}
