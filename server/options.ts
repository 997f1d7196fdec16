/**
 * The server's options: flags, their environment twins, defaults, and one message per bad value.
 * Pure (argv and env in): main.ts reads files and opens ports only after this passed.
 */
import { randomBytes } from 'node:crypto';
import {
  type Checked,
  checkHost,
  checkIceUrl,
  checkInteger,
  checkOrigin,
  checkSecret,
} from './checks.js';
import { type FlagSpecs, type RawValue, readFlags, usage } from './flags.js';

export const SERVER_FLAGS: FlagSpecs = {
  host: { kind: 'string', value: 'ADDRESS', help: 'address to listen on (default 127.0.0.1)' },
  port: {
    kind: 'string',
    value: 'PORT',
    help: 'port to listen on (default 9000; 0: any free port)',
  },
  'public-url': {
    kind: 'string',
    value: 'URL',
    help: 'the address guests use, e.g. https://deskbridge.example.org (default: http://HOST:PORT)',
  },
  'turn-url': { kind: 'list', value: 'URL', help: 'a turn: or turns: URL of your coturn' },
  'stun-url': {
    kind: 'list',
    value: 'URL',
    help: 'a stun: URL (default: stun: on the hosts of the turn: URLs)',
  },
  'turn-secret': { kind: 'string', value: 'SECRET', help: "coturn's static-auth-secret" },
  'turn-ttl': {
    kind: 'string',
    value: 'SECONDS',
    help: 'how long TURN credentials open new allocations (default 3600)',
  },
  'access-token': {
    kind: 'string',
    value: 'TOKEN',
    help: 'sharers must send it to get tickets (strongly advised with TURN)',
  },
  'ticket-secret': {
    kind: 'string',
    value: 'SECRET',
    help: 'HMAC key of tickets (default: random per process; share it between processes)',
  },
  'ticket-ttl': {
    kind: 'string',
    value: 'SECONDS',
    help: 'how long a ticket lasts (default 86400)',
  },
  'tls-cert': {
    kind: 'string',
    value: 'FILE',
    help: 'PEM certificate: serve HTTPS/WSS (and HSTS)',
  },
  'tls-key': { kind: 'string', value: 'FILE', help: 'PEM private key of --tls-cert' },
  proxied: {
    kind: 'boolean',
    help: 'behind a reverse proxy: trust X-Forwarded-For for client addresses',
  },
  'max-connections': {
    kind: 'string',
    value: 'N',
    help: 'most registered signalling peers at once (default 5000)',
  },
  'serve-fixtures': {
    kind: 'boolean',
    help: 'development and tests only: also serve /demo/ and /fixtures/ from test/fixtures',
  },
};

export interface ServerOptions {
  host: string;
  port: number;
  /** Null: derived from the address the server listens on. */
  publicUrl: URL | null;
  turnUrls: string[];
  stunUrls: string[];
  turnSecret: string | null;
  turnTtlSeconds: number;
  accessToken: string | null;
  ticketSecret: Buffer;
  ticketTtlSeconds: number;
  tls: { certFile: string; keyFile: string } | null;
  proxied: boolean;
  maxConnections: number;
  serveFixtures: boolean;
}

export type OptionsResult =
  | { kind: 'options'; options: ServerOptions }
  | { kind: 'help'; text: string }
  | { kind: 'invalid'; problems: string[] };

export const serverUsage = () =>
  usage('deskbridge-server [flags]\ndeskbridge-server turn-config --help', SERVER_FLAGS);

const WILDCARD = ['0.0.0.0', '::', '[::]'];

/** stun: URLs on the hosts (and ports) of the turn: URLs, when none are given. */
export function stunFromTurn(turnUrls: readonly string[]): string[] {
  const hosts = turnUrls
    .filter((url) => url.startsWith('turn:'))
    .map((url) => url.replace(/^turn:/, 'stun:').replace(/\?.*$/, ''));
  return [...new Set(hosts)];
}

export function parseServerOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): OptionsResult {
  const raw = readFlags(SERVER_FLAGS, argv, env);
  if (raw.help) return { kind: 'help', text: serverUsage() };
  const problems = [...raw.problems];
  const one = <T>(name: string, check: (r: RawValue, text: string) => Checked<T>, fallback: T) => {
    const given = raw.values.get(name);
    if (!given) return fallback;
    const result = check(given, given.values[0] ?? '');
    if (result.ok) return result.value;
    problems.push(result.problem);
    return fallback;
  };
  const many = (name: string, check: (r: RawValue, text: string) => Checked<string>) => {
    const given = raw.values.get(name);
    return (given?.values ?? []).flatMap((text) => {
      const result = check(given as RawValue, text);
      if (result.ok) return [result.value];
      problems.push(result.problem);
      return [];
    });
  };
  const flag = (name: string) => raw.values.has(name);

  const host = one('host', checkHost, '127.0.0.1');
  const port = one('port', (r, t) => checkInteger(r, t, 0, 65535, 'a port'), 9000);
  const publicUrl = one<URL | null>('public-url', checkOrigin, null);
  const turnUrls = many('turn-url', (r, t) => checkIceUrl(r, t, 'turn'));
  const stunGiven = many('stun-url', (r, t) => checkIceUrl(r, t, 'stun'));
  const turnSecret = one<string | null>('turn-secret', (r, t) => checkSecret(r, t, 16), null);
  const turnTtlSeconds = one('turn-ttl', (r, t) => checkInteger(r, t, 60, 86_400, 'a TTL'), 3600);
  const accessToken = one<string | null>('access-token', (r, t) => checkSecret(r, t, 16), null);
  const ticketSecret = one<string | null>('ticket-secret', (r, t) => checkSecret(r, t, 32), null);
  const ticketTtlSeconds = one(
    'ticket-ttl',
    (r, t) => checkInteger(r, t, 60, 7 * 86_400, 'a TTL'),
    86_400,
  );
  const certFile = one<string | null>('tls-cert', (_r, t) => ({ ok: true, value: t }), null);
  const keyFile = one<string | null>('tls-key', (_r, t) => ({ ok: true, value: t }), null);
  const maxConnections = one(
    'max-connections',
    (r, t) => checkInteger(r, t, 1, 1_000_000, 'a connection limit'),
    5000,
  );

  if (flag('turn-url') && !flag('turn-secret')) {
    problems.push('--turn-url needs --turn-secret (the static-auth-secret of your coturn)');
  }
  if (flag('turn-secret') && !flag('turn-url')) {
    problems.push('--turn-secret needs at least one --turn-url');
  }
  if (flag('tls-cert') !== flag('tls-key')) {
    problems.push('--tls-cert and --tls-key go together: give both or neither');
  }
  if (!publicUrl && WILDCARD.includes(host)) {
    problems.push(
      `--public-url is needed with --host ${host}: the address guests use, e.g. https://deskbridge.example.org`,
    );
  }
  if (problems.length > 0) return { kind: 'invalid', problems };
  return {
    kind: 'options',
    options: {
      host,
      port,
      publicUrl,
      turnUrls,
      stunUrls: stunGiven.length > 0 ? stunGiven : stunFromTurn(turnUrls),
      turnSecret,
      turnTtlSeconds,
      accessToken,
      ticketSecret: ticketSecret ? Buffer.from(ticketSecret) : randomBytes(32),
      ticketTtlSeconds,
      tls: certFile && keyFile ? { certFile, keyFile } : null,
      proxied: flag('proxied'),
      maxConnections,
      serveFixtures: flag('serve-fixtures'),
    },
  };
}
