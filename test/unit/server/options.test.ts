import { describe, expect, it } from 'vitest';
import { parseServerOptions, stunFromTurn } from '../../../server/options.js';

const SECRET = 'a-turn-secret-of-20c';
const parse = (argv: string[], env: Record<string, string> = {}) => parseServerOptions(argv, env);
const problemsOf = (argv: string[], env: Record<string, string> = {}) => {
  const result = parse(argv, env);
  return result.kind === 'invalid' ? result.problems : [];
};

describe('server options', () => {
  it('defaults to loopback port 9000 with no TURN, no token, a random ticket secret', () => {
    const result = parse([]);
    if (result.kind !== 'options') throw new Error(result.kind);
    const { options } = result;
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 9000,
      publicUrl: null,
      turnUrls: [],
      stunUrls: [],
      turnSecret: null,
      turnTtlSeconds: 3600,
      accessToken: null,
      ticketTtlSeconds: 86_400,
      tls: null,
      proxied: false,
      maxConnections: 5000,
      serveFixtures: false,
    });
    expect(options.ticketSecret.length).toBe(32);
    const again = parse([]);
    if (again.kind !== 'options') throw new Error(again.kind);
    expect(again.options.ticketSecret.equals(options.ticketSecret)).toBe(false);
  });

  it('reads every flag, as --flag value and --flag=value', () => {
    const result = parse([
      '--host=0.0.0.0',
      '--port',
      '8443',
      '--public-url',
      'https://deskbridge.example.org',
      '--turn-url',
      'turn:turn.example.org:3478',
      '--turn-url=turns:turn.example.org:443?transport=tcp',
      '--turn-secret',
      SECRET,
      '--turn-ttl',
      '600',
      '--access-token',
      'token-of-sixteen-chars',
      '--ticket-secret',
      'x'.repeat(32),
      '--ticket-ttl',
      '3600',
      '--tls-cert',
      '/etc/cert.pem',
      '--tls-key',
      '/etc/key.pem',
      '--proxied',
      '--max-connections',
      '20000',
      '--serve-fixtures',
    ]);
    if (result.kind !== 'options') throw new Error(JSON.stringify(result));
    expect(result.options).toMatchObject({
      host: '0.0.0.0',
      port: 8443,
      turnUrls: ['turn:turn.example.org:3478', 'turns:turn.example.org:443?transport=tcp'],
      stunUrls: ['stun:turn.example.org:3478'],
      turnSecret: SECRET,
      turnTtlSeconds: 600,
      accessToken: 'token-of-sixteen-chars',
      ticketTtlSeconds: 3600,
      tls: { certFile: '/etc/cert.pem', keyFile: '/etc/key.pem' },
      proxied: true,
      maxConnections: 20000,
      serveFixtures: true,
    });
    expect(result.options.publicUrl?.href).toBe('https://deskbridge.example.org/');
    expect(result.options.ticketSecret.toString()).toBe('x'.repeat(32));
  });

  it('takes each flag from its environment twin, the flag winning', () => {
    const result = parse(['--port', '7000'], {
      DESKBRIDGE_PORT: '6000',
      DESKBRIDGE_TURN_URL: 'turn:a.example:3478, turn:b.example:3478',
      DESKBRIDGE_TURN_SECRET: SECRET,
      DESKBRIDGE_STUN_URL: 'stun:stun.example:3478',
      DESKBRIDGE_PROXIED: 'true',
      DESKBRIDGE_SERVE_FIXTURES: '0',
    });
    if (result.kind !== 'options') throw new Error(JSON.stringify(result));
    expect(result.options).toMatchObject({
      port: 7000,
      turnUrls: ['turn:a.example:3478', 'turn:b.example:3478'],
      stunUrls: ['stun:stun.example:3478'],
      proxied: true,
      serveFixtures: false,
    });
  });

  it('--help gives the usage with every environment twin', () => {
    const result = parse(['--help']);
    expect(result.kind).toBe('help');
    if (result.kind === 'help') {
      expect(result.text).toContain('--turn-secret SECRET');
      expect(result.text).toContain('DESKBRIDGE_TURN_SECRET');
      expect(result.text).toContain('DESKBRIDGE_MAX_CONNECTIONS');
    }
  });

  it.each([
    [['--port', 'http'], '--port: "http" is not a port (a whole number from 0 to 65535)'],
    [['--port', '70000'], '--port: "70000" is not a port (a whole number from 0 to 65535)'],
    [['--host', 'bad host'], '--host: "bad host" is not a host name or IP address'],
    [
      ['--public-url', 'deskbridge.example.org'],
      '--public-url: "deskbridge.example.org" is not a URL (e.g. https://deskbridge.example.org)',
    ],
    [
      ['--public-url', 'ftp://x.example'],
      '--public-url: "ftp://x.example" must start with https:// (or http:// on a test machine)',
    ],
    [
      ['--public-url', 'https://x.example/sub'],
      '--public-url: "https://x.example/sub" must be an origin only, like https://deskbridge.example.org (no path)',
    ],
    [
      ['--turn-url', 'http://x', '--turn-secret', SECRET],
      '--turn-url: "http://x" is not a turn: URL (e.g. turn:turn.example.org:3478 or turns:turn.example.org:443?transport=tcp)',
    ],
    [
      ['--turn-url', 'turn:x:99999', '--turn-secret', SECRET],
      '--turn-url: "turn:x:99999" is not a turn: URL (e.g. turn:turn.example.org:3478 or turns:turn.example.org:443?transport=tcp)',
    ],
    [
      ['--stun-url', 'turn:x'],
      '--stun-url: "turn:x" is not a stun: URL (e.g. stun:turn.example.org:3478)',
    ],
    [
      ['--turn-url', 'turn:x', '--turn-secret', 'short'],
      '--turn-secret: "…" is not a usable secret: 16–512 printable ASCII characters without spaces (e.g. `openssl rand -hex 32`)',
    ],
    [
      ['--turn-url', 'turn:x', '--turn-secret', SECRET, '--turn-ttl', '10'],
      '--turn-ttl: "10" is not a TTL (a whole number from 60 to 86400)',
    ],
    [
      ['--access-token', 'has spaces in it ok'],
      '--access-token: "…" is not a usable secret: 16–512 printable ASCII characters without spaces (e.g. `openssl rand -hex 32`)',
    ],
    [
      ['--ticket-secret', 'too-short'],
      '--ticket-secret: "…" is not a usable secret: 32–512 printable ASCII characters without spaces (e.g. `openssl rand -hex 32`)',
    ],
    [
      ['--ticket-ttl', '1e3'],
      '--ticket-ttl: "1e3" is not a TTL (a whole number from 60 to 604800)',
    ],
    [
      ['--max-connections', '0'],
      '--max-connections: "0" is not a connection limit (a whole number from 1 to 1000000)',
    ],
    [
      ['--turn-url', 'turn:x'],
      '--turn-url needs --turn-secret (the static-auth-secret of your coturn)',
    ],
    [['--turn-secret', SECRET], '--turn-secret needs at least one --turn-url'],
    [['--tls-cert', 'c.pem'], '--tls-cert and --tls-key go together: give both or neither'],
    [
      ['--host', '0.0.0.0'],
      '--public-url is needed with --host 0.0.0.0: the address guests use, e.g. https://deskbridge.example.org',
    ],
    [['--proxied=yes'], '--proxied: takes no value'],
    [['--port'], '--port: needs a value'],
    [['--port', '1', '--port', '2'], '--port: given more than once'],
    [['--nope'], '--nope: unknown flag (see --help)'],
    [['serve'], 'serve: unknown argument (see --help)'],
  ])('%j → one clear message', (argv, message) => {
    expect(problemsOf(argv)).toEqual([message]);
  });

  it.each([
    [
      { DESKBRIDGE_PORT: 'x' },
      'DESKBRIDGE_PORT: "x" is not a port (a whole number from 0 to 65535)',
    ],
    [{ DESKBRIDGE_PROXIED: 'maybe' }, 'DESKBRIDGE_PROXIED: "maybe" is not 1/0 or true/false'],
  ])('%j in the environment → a message naming the variable', (env, message) => {
    expect(problemsOf([], env)).toEqual([message]);
  });

  it('reports every bad value at once', () => {
    expect(problemsOf(['--port', 'x', '--host', '!', '--max-connections', '-1'])).toHaveLength(3);
  });
});

describe('stunFromTurn', () => {
  it('puts stun: on each turn: host and port, once, and skips turns:', () => {
    expect(
      stunFromTurn([
        'turn:t.example:3478?transport=udp',
        'turn:t.example:3478?transport=tcp',
        'turns:t.example:443',
        'turn:[2001:db8::1]:3478',
      ]),
    ).toEqual(['stun:t.example:3478', 'stun:[2001:db8::1]:3478']);
  });
});
