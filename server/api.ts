/**
 * The JSON API: the well-known document, /healthz, tickets and TURN credentials. Every refusal
 * is `{error: code}` with its status (server-config.ts) and, for 403 and 429, a log line.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  API_ERRORS,
  type ApiErrorCode,
  HEALTH_PATH,
  parseWith,
  TICKETS_PATH,
  TicketRequestSchema,
  TURN_CREDENTIALS_PATH,
  TurnCredentialsRequestSchema,
  WELL_KNOWN_PATH,
  type WellKnown,
} from '../src/shared/server-config.js';
import { API_HEADERS, type Headers, PREFLIGHT_HEADERS } from './headers.js';
import { type Log, peerHash } from './log.js';
import type { ServerOptions } from './options.js';
import type { RateLimiter } from './rate-limiter.js';
import { checkTicket, issueTicket } from './tickets.js';
import { turnCredentials } from './turn-credentials.js';

export const API_PATHS = [WELL_KNOWN_PATH, HEALTH_PATH, TICKETS_PATH, TURN_CREDENTIALS_PATH];
const MAX_BODY = 4096;

export interface ApiContext {
  options: ServerOptions;
  wellKnown: WellKnown;
  base: Headers;
  limiter: RateLimiter;
  log: Log;
  /** Whether a peer with this id is registered on this process's signalling right now. */
  isRegistered(peerId: string): boolean;
  peerCount(): number;
  now(): number;
}

class Refusal {
  constructor(
    readonly code: ApiErrorCode,
    readonly detail?: string,
  ) {}
}

/**
 * The client's address. Behind a proxy (--proxied) it is the last X-Forwarded-For entry, the
 * one our own proxy added; entries before it are whatever the client wrote.
 */
export function clientAddress(request: IncomingMessage, proxied: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
  const last = list
    .map((entry) => entry.trim())
    .filter(Boolean)
    .at(-1);
  return (proxied && last) || request.socket.remoteAddress || 'unknown';
}

/** Same time whatever the token: both sides are hashed to one length first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Refusal('too-large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Refusal('bad-request', 'body is not JSON');
  }
}

function sendJson(response: ServerResponse, base: Headers, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...base,
    ...API_HEADERS,
    'Content-Length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

async function postTicket(context: ApiContext, request: IncomingMessage, ip: string) {
  const { accessToken, ticketSecret, ticketTtlSeconds } = context.options;
  if (accessToken !== null) {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1] ?? '';
    if (!sameSecret(token, accessToken)) {
      throw new Refusal('forbidden', header ? 'wrong access token' : 'no access token');
    }
  }
  const body = parseWith(TicketRequestSchema, await readJson(request));
  if (!body.ok) throw new Refusal('bad-request', body.problem);
  const issued = issueTicket(
    ticketSecret,
    body.value.peerId,
    context.now() + ticketTtlSeconds * 1000,
  );
  context.log('info', 'ticket-issued', { peer: peerHash(body.value.peerId), ip });
  return issued;
}

async function postTurnCredentials(context: ApiContext, request: IncomingMessage, ip: string) {
  const { turnSecret, turnUrls, turnTtlSeconds, ticketSecret } = context.options;
  if (turnSecret === null) throw new Refusal('not-found', 'no TURN configured');
  const body = parseWith(TurnCredentialsRequestSchema, await readJson(request));
  if (!body.ok) throw new Refusal('forbidden', 'ticket malformed');
  const now = context.now();
  const ticket = checkTicket(ticketSecret, body.value.ticket, now);
  if (!ticket.ok) throw new Refusal('forbidden', `ticket ${ticket.reason}`);
  const peer = peerHash(ticket.peerId);
  if (!context.isRegistered(ticket.peerId)) {
    throw new Refusal('forbidden', `no live session for peer ${peer}`);
  }
  // Whole seconds: coturn's username carries the expiry in seconds.
  const expiresAt = Math.floor(now / 1000 + turnTtlSeconds) * 1000;
  context.log('info', 'turn-credentials-issued', { peer, ip });
  return turnCredentials(turnSecret, turnUrls, peer, expiresAt);
}

async function answer(
  context: ApiContext,
  request: IncomingMessage,
  pathname: string,
  ip: string,
): Promise<unknown> {
  if (pathname === WELL_KNOWN_PATH) return context.wellKnown;
  if (pathname === HEALTH_PATH) return { ok: true, peers: context.peerCount() };
  if (!context.limiter.allow(ip)) throw new Refusal('rate-limited');
  if (pathname === TICKETS_PATH) return postTicket(context, request, ip);
  return postTurnCredentials(context, request, ip);
}

/** Answers an API path; false when the path is not the API's. */
export async function handleApi(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
): Promise<boolean> {
  if (!API_PATHS.includes(pathname)) return false;
  const { base, log } = context;
  const method = request.method ?? 'GET';
  if (method === 'OPTIONS') {
    response.writeHead(204, { ...base, ...PREFLIGHT_HEADERS });
    response.end();
    return true;
  }
  const ip = clientAddress(request, context.options.proxied);
  const post = pathname === TICKETS_PATH || pathname === TURN_CREDENTIALS_PATH;
  try {
    if ((method === 'POST') !== post && !(method === 'HEAD' && !post)) {
      throw new Refusal('method-not-allowed');
    }
    sendJson(response, base, 200, await answer(context, request, pathname, ip));
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const status = API_ERRORS[error.code];
    if (status === 403 || status === 429) {
      log('warn', 'api-refused', {
        path: pathname,
        status,
        reason: error.detail ?? error.code,
        ip,
      });
    }
    const headers =
      error.code === 'method-not-allowed'
        ? { ...base, Allow: post ? 'POST, OPTIONS' : 'GET, HEAD, OPTIONS' }
        : base;
    sendJson(response, headers, status, { error: error.code });
  }
  return true;
}
