/**
 * Tickets: `base64url(payload).base64url(HMAC-SHA256(secret, base64url(payload)))` with the
 * payload `{"p": peer id, "e": expiry in ms}`. Issued to a sharer for its peer id; a guest finds
 * it in the link and trades it for TURN credentials while that peer is registered here.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import { PEER_ID_PATTERN } from '../src/shared/link.js';
import { TICKET_PATTERN } from '../src/shared/server-config.js';

const PayloadSchema = v.object({
  p: v.pipe(v.string(), v.regex(PEER_ID_PATTERN)),
  e: v.pipe(v.number(), v.integer()),
});

export type TicketCheck =
  | { ok: true; peerId: string; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const mac = (secret: Buffer, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

export function issueTicket(
  secret: Buffer,
  peerId: string,
  expiresAt: number,
): { ticket: string; expiresAt: number } {
  const payload = Buffer.from(JSON.stringify({ p: peerId, e: expiresAt })).toString('base64url');
  return { ticket: `${payload}.${mac(secret, payload)}`, expiresAt };
}

export function checkTicket(secret: Buffer, ticket: string, now: number): TicketCheck {
  if (!TICKET_PATTERN.test(ticket)) return { ok: false, reason: 'malformed' };
  const [payload = '', given = ''] = ticket.split('.');
  const expected = Buffer.from(mac(secret, payload));
  if (!timingSafeEqual(expected, Buffer.from(given))) return { ok: false, reason: 'bad-signature' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = v.safeParse(PayloadSchema, decoded);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  if (parsed.output.e <= now) return { ok: false, reason: 'expired' };
  return { ok: true, peerId: parsed.output.p, expiresAt: parsed.output.e };
}
