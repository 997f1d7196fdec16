import { describe, expect, it } from 'vitest';
import { discover, type Fetch, issueTicket, redeemTicket } from '../../src/shared/server-client.js';
import type { WellKnown } from '../../src/shared/server-config.js';

const WELL_KNOWN: WellKnown = {
  deskbridge: 1,
  viewerUrl: 'https://db.example.com/viewer/',
  signalling: {
    host: 'db.example.com',
    port: 443,
    path: '/deskbridge',
    secure: true,
    key: 'peerjs',
  },
  iceServers: [{ urls: ['stun:db.example.com:3478'] }],
  turn: {
    ticketUrl: 'https://db.example.com/api/tickets',
    credentialsUrl: 'https://db.example.com/api/turn-credentials',
  },
  accessTokenRequired: true,
};
const TICKET = `abc.${'m'.repeat(43)}`;

interface Seen {
  url: string;
  init: Parameters<Fetch>[1];
}

/** A fetch that answers `status` with `body` and remembers what it was asked. */
function server(status: number, body: unknown, seen: Seen[] = []): Fetch {
  return async (url, init) => {
    seen.push({ url, init });
    return { ok: status >= 200 && status < 300, status, json: async () => body };
  };
}

describe('discover', () => {
  it('reads the well-known document of the address', async () => {
    const seen: Seen[] = [];
    const result = await discover(server(200, WELL_KNOWN, seen), 'https://db.example.com');
    expect(result).toEqual({ ok: true, value: WELL_KNOWN });
    expect(seen[0]?.url).toBe('https://db.example.com/.well-known/deskbridge.json');
  });

  it('says the server is unreachable when fetching fails', async () => {
    const down: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const result = await discover(down, 'https://db.example.com');
    expect(result).toMatchObject({ ok: false, error: { code: 'server-unreachable' } });
  });

  it.each([
    ['a page that is not a Deskbridge document', 200, { hello: 'world' }],
    ['a 404', 404, null],
    ['a document of another version', 200, { ...WELL_KNOWN, deskbridge: 2 }],
  ])('says the address is no Deskbridge server for %s', async (_, status, body) => {
    const result = await discover(server(status, body), 'https://db.example.com');
    expect(result).toMatchObject({ ok: false, error: { code: 'server-invalid' } });
  });

  it('refuses an address that is not a URL without fetching', async () => {
    const seen: Seen[] = [];
    const result = await discover(server(200, WELL_KNOWN, seen), 'not a url');
    expect(result).toMatchObject({ ok: false, error: { code: 'server-invalid' } });
    expect(seen).toEqual([]);
  });
});

describe('issueTicket', () => {
  it('asks for a ticket for the peer id, with the access token', async () => {
    const seen: Seen[] = [];
    const answer = { ticket: TICKET, expiresAt: 1_800_000_000_000 };
    const result = await issueTicket(server(200, answer, seen), WELL_KNOWN, 'db-abc', 'tok');
    expect(result).toEqual({ ok: true, value: answer });
    expect(seen[0]?.url).toBe(WELL_KNOWN.turn?.ticketUrl);
    expect(seen[0]?.init?.method).toBe('POST');
    expect(seen[0]?.init?.headers?.authorization).toBe('Bearer tok');
    expect(JSON.parse(seen[0]?.init?.body ?? '')).toEqual({ peerId: 'db-abc' });
  });

  it('sends no authorization without a token', async () => {
    const seen: Seen[] = [];
    await issueTicket(server(200, { ticket: TICKET, expiresAt: 1 }, seen), WELL_KNOWN, 'db-a', '');
    expect(seen[0]?.init?.headers?.authorization).toBeUndefined();
  });

  it('asks for nothing when the server has no relay', async () => {
    const seen: Seen[] = [];
    const result = await issueTicket(
      server(500, null, seen),
      { ...WELL_KNOWN, turn: null },
      'db-a',
      '',
    );
    expect(result).toEqual({ ok: true, value: null });
    expect(seen).toEqual([]);
  });

  it('says the server refused when the token is wrong', async () => {
    const result = await issueTicket(server(403, { error: 'forbidden' }), WELL_KNOWN, 'db-a', 'x');
    expect(result).toMatchObject({ ok: false, error: { code: 'server-refused' } });
  });
});

describe('redeemTicket', () => {
  it('gets TURN credentials for a ticket', async () => {
    const answer = {
      iceServers: [
        { urls: ['turn:db.example.com:3478?transport=udp'], username: '1:x', credential: 'c' },
      ],
      expiresAt: 1_800_000_000_000,
    };
    const seen: Seen[] = [];
    const url = WELL_KNOWN.turn?.credentialsUrl ?? '';
    expect(await redeemTicket(server(200, answer, seen), url, TICKET)).toEqual({
      ok: true,
      value: answer,
    });
    expect(JSON.parse(seen[0]?.init?.body ?? '')).toEqual({ ticket: TICKET });
  });

  it('refuses credentials that are not TURN servers', async () => {
    const bad = {
      iceServers: [{ urls: ['stun:x'], username: 'u', credential: 'c' }],
      expiresAt: 1,
    };
    const url = WELL_KNOWN.turn?.credentialsUrl ?? '';
    expect(await redeemTicket(server(200, bad), url, TICKET)).toMatchObject({
      ok: false,
      error: { code: 'server-invalid' },
    });
  });
});
