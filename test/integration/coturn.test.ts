import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPeer } from './harness/peerjs-client.js';
import { runBinary, type ServerProcess, startServerProcess } from './harness/server-process.js';
import { TurnClient } from './harness/turn-client.js';

/**
 * The REAL coturn (Debian's turnserver) with the configuration `deskbridge-server turn-config`
 * writes, on loopback ports of its own: it runs, takes the credentials the Deskbridge server
 * issues, and refuses relays into the networks on the deny list. Peers in 198.18.77.0/24 are let
 * through with --allow-peer-ip, as the NAT suite's test network would be; a permission sends no
 * packet, so nothing leaves the machine.
 */
const TURN_SECRET = 'coturn-test-secret-0123456789';
const ALLOWED_PEER = '198.18.77.1';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

const credentialFor = (username: string) =>
  createHmac('sha1', TURN_SECRET).update(username).digest('base64');

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('coturn with the generated configuration', () => {
  let dir: string;
  let coturn: ChildProcess;
  let coturnLog = '';
  let server: ServerProcess;
  let turnPort: number;
  const clients: TurnClient[] = [];
  const client = (username: string, password: string) => {
    const turn = new TurnClient({ host: '127.0.0.1', port: turnPort }, username, password);
    clients.push(turn);
    return turn;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deskbridge-coturn-'));
    turnPort = await freePort();
    const minPort = 43_000 + Math.floor(Math.random() * 2000) * 10;
    const generated = await runBinary(
      [
        'turn-config',
        '--realm',
        'deskbridge.test',
        '--listening-ip',
        '127.0.0.1',
        '--relay-ip',
        '127.0.0.1',
        '--listening-port',
        String(turnPort),
        '--min-port',
        String(minPort),
        '--max-port',
        String(minPort + 9),
        '--allow-peer-ip',
        '198.18.77.0/24',
      ],
      { DESKBRIDGE_TURN_SECRET: TURN_SECRET },
    );
    expect(generated.code).toBe(0);
    writeFileSync(join(dir, 'turnserver.conf'), generated.stdout);
    coturn = spawn(
      'turnserver',
      [
        '-c',
        join(dir, 'turnserver.conf'),
        '--log-file',
        'stdout',
        '--pidfile',
        join(dir, 'pid'),
        '--db',
        join(dir, 'turndb'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    coturn.stdout?.on('data', (chunk) => {
      coturnLog += chunk;
    });
    coturn.stderr?.on('data', (chunk) => {
      coturnLog += chunk;
    });
    await until(
      () => coturnLog.includes('Total General servers') || coturn.exitCode !== null,
      'coturn to listen',
    );
    expect(coturn.exitCode).toBeNull();
    server = await startServerProcess(['--turn-url', `turn:127.0.0.1:${turnPort}?transport=udp`], {
      DESKBRIDGE_TURN_SECRET: TURN_SECRET,
    });
  });

  afterAll(async () => {
    for (const turn of clients) turn.close();
    await server?.stop();
    if (coturn && coturn.exitCode === null && coturn.signalCode === null) {
      const exited = once(coturn, 'exit');
      coturn.kill('SIGTERM');
      const timer = setTimeout(() => coturn.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('warns loudly that TURN without an access token lets anyone mint tickets', async () => {
    await server.waitForLog((l) => l.event === 'turn-without-access-token' && l.level === 'warn');
  });

  it('accepts the credentials the Deskbridge server issues for a live session', async () => {
    const sharer = await registerPeer(server.wsOrigin);
    const { ticket } = (await (
      await fetch(`${server.origin}/api/tickets`, {
        method: 'POST',
        body: JSON.stringify({ peerId: sharer.id }),
      })
    ).json()) as { ticket: string };
    const response = await fetch(`${server.origin}/api/turn-credentials`, {
      method: 'POST',
      body: JSON.stringify({ ticket }),
    });
    const { iceServers } = (await response.json()) as {
      iceServers: { username: string; credential: string }[];
    };
    const [ice] = iceServers;
    const turn = client(ice?.username ?? '', ice?.credential ?? '');
    const allocation = await turn.allocate();
    expect(allocation).toMatchObject({ ok: true });
    expect(allocation.ok && allocation.relayed?.startsWith('127.0.0.1:')).toBe(true);
    expect(await turn.createPermission(ALLOWED_PEER)).toEqual({ ok: true });
    await sharer.close();
  });

  it('refuses a relay to loopback, private, link-local and CGNAT peers (denied-peer-ip)', async () => {
    const username = `${Math.floor(Date.now() / 1000) + 600}:deny-test`;
    const turn = client(username, credentialFor(username));
    expect(await turn.allocate()).toMatchObject({ ok: true });
    for (const peer of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.5.5',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.1',
      '198.19.0.1',
    ]) {
      expect({ peer, answer: await turn.createPermission(peer) }).toMatchObject({
        peer,
        answer: { ok: false, code: 403 },
      });
    }
  });

  it('attacker: no allocation without credentials, with a wrong credential, or an expired one', async () => {
    const future = `${Math.floor(Date.now() / 1000) + 600}:guess`;
    expect(await client(future, 'd3JvbmcgY3JlZGVudGlhbA==').allocate()).toMatchObject({
      ok: false,
      code: 401,
    });
    const past = `${Math.floor(Date.now() / 1000) - 10}:old`;
    expect(await client(past, credentialFor(past)).allocate()).toMatchObject({
      ok: false,
      code: 401,
    });
  });

  it('keeps an allocation past its credential’s expiry (Refresh, CreatePermission), but allows no new one', async () => {
    const expiry = Math.floor(Date.now() / 1000) + 3;
    const username = `${expiry}:short-lived`;
    const live = client(username, credentialFor(username));
    expect(await live.allocate()).toMatchObject({ ok: true });
    await until(() => Date.now() / 1000 > expiry + 2, 'the credential to expire');
    expect(await live.refresh()).toEqual({ ok: true });
    expect(await live.createPermission(ALLOWED_PEER)).toEqual({ ok: true });
    expect(await client(username, credentialFor(username)).allocate()).toMatchObject({
      ok: false,
      code: 401,
    });
  });
});
