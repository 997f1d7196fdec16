import type * as v from 'valibot';
import { type AppError, appError, type ErrorCode } from './errors.js';
import {
  parseWith,
  type TicketResponse,
  TicketResponseSchema,
  type TurnCredentialsResponse,
  TurnCredentialsResponseSchema,
  type WellKnown,
  WellKnownSchema,
  wellKnownUrl,
} from './server-config.js';

/**
 * The client side of a Deskbridge server (issue #12): the extension and the viewer ask it for
 * its well-known document, a ticket for a share, and TURN credentials for a ticket. Pure: the
 * caller hands in `fetch` (the browser's, or a fake in tests); every answer is parsed with the
 * schema the server writes it with, and every failure is an error code a person can act on.
 */

/** The part of `fetch` used here. */
export type Fetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export type ServerResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** A server answers within this long, or it counts as unreachable. */
export const SERVER_TIMEOUT_MS = 8_000;

async function call<S extends v.GenericSchema>(
  fetcher: Fetch,
  url: string,
  schema: S,
  init: Parameters<Fetch>[1] = {},
): Promise<ServerResult<v.InferOutput<S>>> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), SERVER_TIMEOUT_MS);
  try {
    const response = await fetcher(url, { ...init, signal: timeout.signal });
    if (response.status === 401 || response.status === 403) {
      return fail('server-refused', `${response.status} from ${new URL(url).host}`);
    }
    if (!response.ok) return fail('server-invalid', `${response.status} from ${url}`);
    const parsed = parseWith(schema, await response.json().catch(() => null));
    return parsed.ok ? { ok: true, value: parsed.value } : fail('server-invalid', parsed.problem);
  } catch (error) {
    return fail('server-unreachable', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

const fail = (code: ErrorCode, detail: string): { ok: false; error: AppError } => ({
  ok: false,
  error: appError(code, detail),
});

/** What the server at `address` offers (signalling, viewer, STUN, whether it relays). */
export function discover(fetcher: Fetch, address: string): Promise<ServerResult<WellKnown>> {
  let url: string;
  try {
    url = wellKnownUrl(address);
  } catch {
    return Promise.resolve(fail('server-invalid', address));
  }
  return call(fetcher, url, WellKnownSchema, { headers: { accept: 'application/json' } });
}

/**
 * A ticket for the share whose peer id is `peerId`: what the sharer and its guests present for
 * TURN credentials. Null when the server has no TURN relay (nothing to ask for).
 */
export async function issueTicket(
  fetcher: Fetch,
  server: WellKnown,
  peerId: string,
  accessToken: string | undefined,
): Promise<ServerResult<TicketResponse | null>> {
  if (!server.turn) return { ok: true, value: null };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  return call(fetcher, server.turn.ticketUrl, TicketResponseSchema, {
    method: 'POST',
    headers,
    body: JSON.stringify({ peerId }),
  });
}

/** TURN credentials for a ticket (the share's peer id must be registered on that server now). */
export function redeemTicket(
  fetcher: Fetch,
  credentialsUrl: string,
  ticket: string,
): Promise<ServerResult<TurnCredentialsResponse>> {
  return call(fetcher, credentialsUrl, TurnCredentialsResponseSchema, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ticket }),
  });
}
