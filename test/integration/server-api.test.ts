import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerHash } from '../../server/log.js';
import {
  parseWith,
  TicketResponseSchema,
  TurnCredentialsResponseSchema,
  WellKnownSchema,
} from '../../src/shared/server-config.js';
import { registerPeer } from './harness/peerjs-client.js';
import { type ServerProcess, startServerProcess } from './harness/server-process.js';

const TURN_SECRET = 'turn-secret-for-tests-0123';
const ACCESS_TOKEN = 'access-token-for-tests-0123';
const TICKET_SECRET = 't'.repeat(40);
const TURN_URLS = ['turn:127.0.0.1:3478?transport=udp', 'turns:turn.example.org:443'];

const post = (
  server: ServerProcess,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(`${server.origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** What an attacker who knows the format (but not the server's secret) can put together. */
function ticketOf(payload: object, secret: string | null): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = secret
    ? createHmac('sha256', secret).update(encoded).digest('base64url')
    : Buffer.alloc(32, 7).toString('base64url');
  return `${encoded}.${mac}`;
}

describe('the Deskbridge server with TURN and an access token', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess(
      [
        ...TURN_URLS.flatMap((url) => ['--turn-url', url]),
        '--access-token',
        ACCESS_TOKEN,
        '--turn-ttl',
        '600',
      ],
      { DESKBRIDGE_TURN_SECRET: TURN_SECRET, DESKBRIDGE_TICKET_SECRET: TICKET_SECRET },
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('publishes a well-known document any origin may read', async () => {
    const response = await fetch(`${server.origin}/.well-known/deskbridge.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const parsed = parseWith(WellKnownSchema, await response.json());
    expect(parsed).toEqual({
      ok: true,
      value: {
        deskbridge: 1,
        viewerUrl: `${server.origin}/viewer/`,
        signalling: {
          host: '127.0.0.1',
          port: server.port,
          path: '/deskbridge',
          secure: false,
          key: 'peerjs',
        },
        iceServers: [{ urls: ['stun:127.0.0.1:3478'] }],
        turn: {
          ticketUrl: `${server.origin}/api/tickets`,
          credentialsUrl: `${server.origin}/api/turn-credentials`,
        },
        accessTokenRequired: true,
      },
    });
  });

  it('answers /healthz with the number of registered peers', async () => {
    const before = await (await fetch(`${server.origin}/healthz`)).json();
    const peer = await registerPeer(server.wsOrigin);
    const during = await (await fetch(`${server.origin}/healthz`)).json();
    await peer.close();
    expect(during).toEqual({ ok: true, peers: before.peers + 1 });
  });

  it('serves the viewer with its security headers and caching', async () => {
    const page = await fetch(`${server.origin}/viewer/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('permissions-policy')).toContain('fullscreen=(self)');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    // Plain http here: HSTS only when the server itself terminates TLS (tls.test.ts).
    expect(page.headers.get('strict-transport-security')).toBeNull();
    const html = await page.text();
    const script = /src="(viewer-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    const style = /href="(viewer-[A-Z0-9]+\.css)"/.exec(html)?.[1];
    for (const asset of [script, style]) {
      const response = await fetch(`${server.origin}/viewer/${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect((await fetch(`${server.origin}/viewer`, { redirect: 'manual' })).status).toBe(301);
    expect((await fetch(`${server.origin}/viewer/..%2f..%2fpackage.json`)).status).toBe(400);
    expect((await fetch(`${server.origin}/viewer/nothing.js`)).status).toBe(404);
  });

  it('answers CORS preflights for the API', async () => {
    const response = await fetch(`${server.origin}/api/tickets`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://fjlgcofhcclifhlpkfbadplbdfdmkaln' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a ticket without the access token, or with a wrong one, and logs it', async () => {
    const none = await post(server, '/api/tickets', { peerId: 'sharer-1' });
    expect(none.status).toBe(403);
    expect(await none.json()).toEqual({ error: 'forbidden' });
    const wrong = await post(
      server,
      '/api/tickets',
      { peerId: 'sharer-1' },
      bearer(`${ACCESS_TOKEN}x`),
    );
    expect(wrong.status).toBe(403);
    await server.waitForLog((l) => l.event === 'api-refused' && l.reason === 'no access token');
    await server.waitForLog((l) => l.event === 'api-refused' && l.reason === 'wrong access token');
    const badMethod = await fetch(`${server.origin}/api/tickets`);
    expect(badMethod.status).toBe(405);
  });

  it('gives TURN credentials only for a ticket of a live session, in coturn’s REST scheme', async () => {
    const sharer = await registerPeer(server.wsOrigin);
    const issued = await post(server, '/api/tickets', { peerId: sharer.id }, bearer(ACCESS_TOKEN));
    expect(issued.status).toBe(200);
    const ticket = parseWith(TicketResponseSchema, await issued.json());
    if (!ticket.ok) throw new Error(ticket.problem);
    expect(ticket.value.expiresAt).toBeGreaterThan(Date.now() + 86_000_000);

    const answer = await post(server, '/api/turn-credentials', { ticket: ticket.value.ticket });
    expect(answer.status).toBe(200);
    const credentials = parseWith(TurnCredentialsResponseSchema, await answer.json());
    if (!credentials.ok) throw new Error(credentials.problem);
    const [ice] = credentials.value.iceServers;
    expect(ice?.urls).toEqual(TURN_URLS);
    const [expiry, label] = ice?.username.split(':') ?? [];
    expect(Number(expiry) * 1000).toBe(credentials.value.expiresAt);
    expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(590);
    expect(Number(expiry) - Date.now() / 1000).toBeLessThan(610);
    expect(label).toBe(peerHash(sharer.id));
    expect(ice?.credential).toBe(
      createHmac('sha1', TURN_SECRET)
        .update(ice?.username ?? '')
        .digest('base64'),
    );

    // The session ends: the same ticket buys nothing any more.
    await sharer.close();
    await server.waitForLog(
      (l) => l.event === 'peer-disconnected' && l.peer === peerHash(sharer.id),
    );
    const after = await post(server, '/api/turn-credentials', { ticket: ticket.value.ticket });
    expect(after.status).toBe(403);
  });

  it('refuses a ticket for a peer id that is not registered here', async () => {
    const issued = await post(
      server,
      '/api/tickets',
      { peerId: 'nobody-here' },
      bearer(ACCESS_TOKEN),
    );
    const { ticket } = (await issued.json()) as { ticket: string };
    const answer = await post(server, '/api/turn-credentials', { ticket });
    expect(answer.status).toBe(403);
    await server.waitForLog(
      (l) => l.event === 'api-refused' && String(l.reason).startsWith('no live session'),
    );
  });

  it('attacker: a ticket forged for the attacker’s own registered peer is refused', async () => {
    // Anyone can register a peer id; without the access token the attacker makes up a ticket
    // for it. Only the HMAC check stands between this and a TURN credential.
    const attacker = await registerPeer(server.wsOrigin);
    const forged = ticketOf({ p: attacker.id, e: Date.now() + 3_600_000 }, null);
    const answer = await post(server, '/api/turn-credentials', { ticket: forged });
    expect(answer.status).toBe(403);
    // A real ticket's MAC moved onto the attacker's payload fails too.
    const real = await post(server, '/api/tickets', { peerId: 'victim' }, bearer(ACCESS_TOKEN));
    const [, mac] = ((await real.json()) as { ticket: string }).ticket.split('.');
    const [payload] = forged.split('.');
    const moved = await post(server, '/api/turn-credentials', { ticket: `${payload}.${mac}` });
    expect(moved.status).toBe(403);
    await server.waitForLog(
      (l) => l.event === 'api-refused' && l.reason === 'ticket bad-signature',
    );
    await attacker.close();
  });

  it('attacker: an expired ticket is refused even for a live peer', async () => {
    const sharer = await registerPeer(server.wsOrigin);
    const expired = ticketOf({ p: sharer.id, e: Date.now() - 1000 }, TICKET_SECRET);
    const answer = await post(server, '/api/turn-credentials', { ticket: expired });
    expect(answer.status).toBe(403);
    await server.waitForLog((l) => l.event === 'api-refused' && l.reason === 'ticket expired');
    await sharer.close();
  });

  it('refuses junk bodies without crashing', async () => {
    expect((await post(server, '/api/turn-credentials', { ticket: 'x' })).status).toBe(403);
    expect((await post(server, '/api/turn-credentials', 'not an object')).status).toBe(403);
    const notJson = await fetch(`${server.origin}/api/turn-credentials`, {
      method: 'POST',
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const huge = await post(
      server,
      '/api/tickets',
      { peerId: 'x'.repeat(10_000) },
      bearer(ACCESS_TOKEN),
    );
    expect(huge.status).toBe(413);
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
  });

  it('logs sessions by hash: no peer id, token, ticket or secret in its output', async () => {
    const peer = await registerPeer(server.wsOrigin);
    await server.waitForLog((l) => l.event === 'peer-connected' && l.peer === peerHash(peer.id));
    await peer.close();
    await server.waitForLog((l) => l.event === 'peer-disconnected' && l.peer === peerHash(peer.id));
    const output = server.output();
    for (const secret of [peer.id, ACCESS_TOKEN, TURN_SECRET, TICKET_SECRET]) {
      expect(output).not.toContain(secret);
    }
  });
});

describe('the server without TURN', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess([]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('says so in its document and answers 404 for credentials; tickets need no token', async () => {
    const document = await (await fetch(`${server.origin}/.well-known/deskbridge.json`)).json();
    expect(document).toMatchObject({ turn: null, iceServers: [], accessTokenRequired: false });
    const ticket = await post(server, '/api/tickets', { peerId: 'anyone' });
    expect(ticket.status).toBe(200);
    const { ticket: value } = (await ticket.json()) as { ticket: string };
    const credentials = await post(server, '/api/turn-credentials', { ticket: value });
    expect(credentials.status).toBe(404);
    expect(await credentials.json()).toEqual({ error: 'not-found' });
  });
});

describe('rate limit and signalling limit', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(['--max-connections', '2']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers 429 past the burst, and an X-Forwarded-For header does not reset it without --proxied', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const spoofed = { 'X-Forwarded-For': `203.0.113.${i}` };
      statuses.push((await post(server, '/api/tickets', { peerId: 'p' }, spoofed)).status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    await server.waitForLog((l) => l.event === 'api-refused' && l.status === 429);
  });

  it('holds no more registered peers than --max-connections', async () => {
    const first = await registerPeer(server.wsOrigin);
    const second = await registerPeer(server.wsOrigin);
    await expect(registerPeer(server.wsOrigin)).rejects.toThrow(/concurrent user limit/);
    await first.close();
    await server.waitForLog((l) => l.event === 'peer-disconnected');
    const third = await registerPeer(server.wsOrigin);
    await Promise.all([second.close(), third.close()]);
  });
});

describe('behind a proxy (--proxied)', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(['--proxied']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('limits per forwarded client address, the entry the proxy added', async () => {
    const burst = async (forwarded: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const headers = { 'X-Forwarded-For': forwarded };
        statuses.push((await post(server, '/api/tickets', { peerId: 'p' }, headers)).status);
      }
      return statuses.at(-1);
    };
    expect(await burst('198.51.100.1')).toBe(429);
    // A client that writes its own first entry still lands on the proxy's (last) one.
    expect(await burst('1.1.1.1, 198.51.100.1')).toBe(429);
    expect(await burst('198.51.100.2')).toBe(429);
    expect(
      (await post(server, '/api/tickets', { peerId: 'p' }, { 'X-Forwarded-For': '198.51.100.3' }))
        .status,
    ).toBe(200);
  });
});
