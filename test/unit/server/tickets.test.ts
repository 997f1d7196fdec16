import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkTicket, issueTicket } from '../../../server/tickets.js';
import { turnCredentials } from '../../../server/turn-credentials.js';

const secret = Buffer.from('k'.repeat(32));
const now = 1_800_000_000_000;

describe('tickets', () => {
  it('are base64url(payload).base64url(HMAC-SHA256) and check out until they expire', () => {
    const { ticket, expiresAt } = issueTicket(secret, 'peer-1', now + 60_000);
    const [payload = '', mac = ''] = ticket.split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({
      p: 'peer-1',
      e: now + 60_000,
    });
    expect(mac).toBe(createHmac('sha256', secret).update(payload).digest('base64url'));
    expect(checkTicket(secret, ticket, now)).toEqual({ ok: true, peerId: 'peer-1', expiresAt });
    expect(checkTicket(secret, ticket, now + 60_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse another key, a changed payload, and junk', () => {
    const { ticket } = issueTicket(secret, 'peer-1', now + 60_000);
    expect(checkTicket(Buffer.from('o'.repeat(32)), ticket, now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    const [, mac] = ticket.split('.');
    const forged = `${Buffer.from(JSON.stringify({ p: 'peer-2', e: now + 60_000 })).toString('base64url')}.${mac}`;
    expect(checkTicket(secret, forged, now)).toEqual({ ok: false, reason: 'bad-signature' });
    for (const junk of ['', 'a.b', `${ticket}x`, ticket.replace('.', '')]) {
      expect(checkTicket(secret, junk, now)).toEqual({ ok: false, reason: 'malformed' });
    }
    // Signed, but not a payload of ours.
    const odd = Buffer.from('{"p":"-x","e":1}').toString('base64url');
    const signed = `${odd}.${createHmac('sha256', secret).update(odd).digest('base64url')}`;
    expect(checkTicket(secret, signed, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('TURN credentials', () => {
  it('follow coturn’s REST scheme: <unix expiry>:<label>, base64(HMAC-SHA1(secret, username))', () => {
    const response = turnCredentials('s3cret', ['turn:t.example:3478'], 'abc', now + 3_600_000);
    const username = `${(now + 3_600_000) / 1000}:abc`;
    expect(response).toEqual({
      iceServers: [
        {
          urls: ['turn:t.example:3478'],
          username,
          credential: createHmac('sha1', 's3cret').update(username).digest('base64'),
        },
      ],
      expiresAt: now + 3_600_000,
    });
  });
});
