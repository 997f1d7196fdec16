import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBinary, type ServerProcess, startServerProcess } from './harness/server-process.js';

describe('deskbridge-server on the command line', () => {
  it('--help exits 0 and names every flag', async () => {
    const { code, stdout } = await runBinary(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--host',
      '--port',
      '--public-url',
      '--turn-url',
      '--turn-secret',
      '--access-token',
      '--tls-cert',
      '--proxied',
      '--max-connections',
    ]) {
      expect(stdout).toContain(flag);
    }
  });

  it.each([
    [['--port', 'x'], '--port: "x" is not a port'],
    [['--turn-url', 'turn:t.example'], '--turn-url needs --turn-secret'],
    [['--host', '0.0.0.0'], '--public-url is needed with --host 0.0.0.0'],
    [
      ['--tls-cert', '/nonexistent/c.pem', '--tls-key', '/nonexistent/k.pem'],
      '/nonexistent/c.pem: no such file',
    ],
    [['turn-config', '--realm', 'r.example'], '--turn-secret is needed'],
  ])('%j exits 2 with a message on stderr', async (args, message) => {
    const { code, stdout, stderr } = await runBinary(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('a bad environment twin is named in its message', async () => {
    const { code, stderr } = await runBinary([], { DESKBRIDGE_MAX_CONNECTIONS: 'lots' });
    expect(code).toBe(2);
    expect(stderr).toContain('DESKBRIDGE_MAX_CONNECTIONS: "lots"');
  });

  it('a port already taken exits 1 with the reason', async () => {
    const first = await startServerProcess([]);
    try {
      const { code, stderr } = await runBinary(['--port', String(first.port)]);
      expect(code).toBe(1);
      expect(stderr).toContain('EADDRINUSE');
    } finally {
      await first.stop();
    }
  });

  it('turn-config prints only the configuration on stdout', async () => {
    const { code, stdout } = await runBinary(['turn-config', '--realm', 'r.example'], {
      DESKBRIDGE_TURN_SECRET: 'secret-from-the-environment',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('static-auth-secret=secret-from-the-environment');
    expect(stdout.split('\n').every((line) => line === '' || /^[#a-z]/.test(line))).toBe(true);
  });
});

describe('with --tls-cert/--tls-key the server speaks HTTPS and sends HSTS', () => {
  let dir: string;
  let server: ServerProcess;
  let cert: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deskbridge-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = execFileSync('cat', [join(dir, 'cert.pem')]).toString();
    server = await startServerProcess([
      '--tls-cert',
      join(dir, 'cert.pem'),
      '--tls-key',
      join(dir, 'key.pem'),
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the viewer over https with Strict-Transport-Security, and names wss in its document', async () => {
    const fetchTls = (path: string) =>
      new Promise<{ headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        get({ host: '127.0.0.1', port: server.port, path, ca: cert }, (response) => {
          let body = '';
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () => resolve({ headers: response.headers, body }));
        }).on('error', reject);
      });
    const page = await fetchTls('/viewer/');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(page.headers['content-security-policy']).toContain("connect-src 'self' https: wss:;");
    const document = JSON.parse((await fetchTls('/.well-known/deskbridge.json')).body);
    expect(document.viewerUrl).toBe(`https://127.0.0.1:${server.port}/viewer/`);
    expect(document.signalling).toMatchObject({ secure: true, port: server.port });
  });
});
