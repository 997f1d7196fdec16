/** Flags of `deskbridge-server turn-config`, validated like the server's own (options.ts). */
import { cidrBounds } from '../src/shared/address-scope.js';
import { type Checked, checkHost, checkInteger, checkIp, checkSecret } from './checks.js';
import { type FlagSpecs, type RawValue, readFlags, usage } from './flags.js';
import type { TurnConfig } from './turn-config.js';

export const TURN_CONFIG_FLAGS: FlagSpecs = {
  'turn-secret': {
    kind: 'string',
    value: 'SECRET',
    help: 'static-auth-secret (the server’s --turn-secret)',
  },
  realm: { kind: 'string', value: 'NAME', help: 'TURN realm, e.g. turn.example.org' },
  'tls-cert': { kind: 'string', value: 'FILE', help: 'PEM certificate: a TLS listener (turns:)' },
  'tls-key': { kind: 'string', value: 'FILE', help: 'PEM private key of --tls-cert' },
  'listening-ip': { kind: 'list', value: 'IP', help: 'address to listen on (default: all)' },
  'relay-ip': { kind: 'list', value: 'IP', help: 'address to relay from (default: all)' },
  'external-ip': {
    kind: 'list',
    value: 'IP[/IP]',
    help: 'public address, or public/private behind 1:1 NAT (clouds)',
  },
  'listening-port': {
    kind: 'string',
    value: 'PORT',
    help: 'TURN port, UDP and TCP (default 3478)',
  },
  'tls-listening-port': { kind: 'string', value: 'PORT', help: 'TURN over TLS (default 443)' },
  'min-port': { kind: 'string', value: 'PORT', help: 'lowest relay port (default 49152)' },
  'max-port': { kind: 'string', value: 'PORT', help: 'highest relay port (default 65535)' },
  'allow-peer-ip': {
    kind: 'list',
    value: 'CIDR',
    help: 'tests only: a range to relay to despite the deny list',
  },
};

export type TurnConfigResult =
  | { kind: 'config'; config: TurnConfig }
  | { kind: 'help'; text: string }
  | { kind: 'invalid'; problems: string[] };

const checkExternal = (raw: RawValue, text: string): Checked<string> => {
  const parts = text.split('/');
  if (parts.length > 2)
    return { ok: false, problem: `${raw.source}: "${text}" is not IP or IP/IP` };
  for (const part of parts) {
    const checked = checkIp(raw, part);
    if (!checked.ok) return checked;
  }
  return { ok: true, value: text };
};

const checkCidr = (raw: RawValue, text: string): Checked<string> =>
  cidrBounds(text)
    ? { ok: true, value: text }
    : {
        ok: false,
        problem: `${raw.source}: "${text}" is not an address range (e.g. 198.18.0.0/24)`,
      };

export function parseTurnConfigOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): TurnConfigResult {
  const raw = readFlags(TURN_CONFIG_FLAGS, argv, env);
  if (raw.help) {
    return {
      kind: 'help',
      text: usage(
        'deskbridge-server turn-config --turn-secret S --realm R [flags]',
        TURN_CONFIG_FLAGS,
      ),
    };
  }
  const problems = [...raw.problems];
  const one = <T>(name: string, check: (r: RawValue, t: string) => Checked<T>, fallback: T) => {
    const given = raw.values.get(name);
    if (!given) return fallback;
    const result = check(given, given.values[0] ?? '');
    if (result.ok) return result.value;
    problems.push(result.problem);
    return fallback;
  };
  const many = (name: string, check: (r: RawValue, t: string) => Checked<string>) => {
    const given = raw.values.get(name);
    return (given?.values ?? []).flatMap((text) => {
      const result = check(given as RawValue, text);
      if (result.ok) return [result.value];
      problems.push(result.problem);
      return [];
    });
  };
  const port = (r: RawValue, t: string) => checkInteger(r, t, 1, 65535, 'a port');
  const secret = one<string | null>('turn-secret', (r, t) => checkSecret(r, t, 16), null);
  const realm = one<string | null>('realm', checkHost, null);
  const certFile = one<string | null>('tls-cert', (_r, t) => ({ ok: true, value: t }), null);
  const keyFile = one<string | null>('tls-key', (_r, t) => ({ ok: true, value: t }), null);
  const config = {
    listeningIps: many('listening-ip', checkIp),
    relayIps: many('relay-ip', checkIp),
    externalIps: many('external-ip', checkExternal),
    listeningPort: one('listening-port', port, 3478),
    tlsListeningPort: one('tls-listening-port', port, 443),
    minPort: one('min-port', port, 49152),
    maxPort: one('max-port', port, 65535),
    allowedPeers: many('allow-peer-ip', checkCidr),
  };
  if (!raw.values.has('turn-secret'))
    problems.push('--turn-secret is needed (or DESKBRIDGE_TURN_SECRET)');
  if (!raw.values.has('realm')) problems.push('--realm is needed, e.g. --realm turn.example.org');
  if (raw.values.has('tls-cert') !== raw.values.has('tls-key')) {
    problems.push('--tls-cert and --tls-key go together: give both or neither');
  }
  if (config.minPort > config.maxPort) problems.push('--min-port is above --max-port');
  if (problems.length > 0 || !secret || !realm) return { kind: 'invalid', problems };
  return {
    kind: 'config',
    config: { ...config, secret, realm, tls: certFile && keyFile ? { certFile, keyFile } : null },
  };
}
