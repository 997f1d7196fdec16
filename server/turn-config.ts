/**
 * `deskbridge-server turn-config …`: a hardened turnserver.conf for Debian's coturn 4.6, with
 * credentials only in the REST scheme the Deskbridge server issues and no relay into loopback,
 * private, link-local, CGNAT or reserved networks (address-scope.ts lists them). Pure.
 */
import { cidrBounds, NON_PUBLIC_RANGES } from '../src/shared/address-scope.js';

export interface TurnConfig {
  secret: string;
  realm: string;
  tls: { certFile: string; keyFile: string } | null;
  listeningIps: string[];
  relayIps: string[];
  externalIps: string[];
  listeningPort: number;
  tlsListeningPort: number;
  minPort: number;
  maxPort: number;
  /** Ranges let through despite the deny list (a test network in 198.18.0.0/15, say). */
  allowedPeers: string[];
}

const range = (cidr: string) => {
  const bounds = cidrBounds(cidr);
  if (!bounds) throw new Error(`not a range: ${cidr}`);
  return bounds.first === bounds.last ? bounds.first : `${bounds.first}-${bounds.last}`;
};

export function turnConfigText(config: TurnConfig): string {
  const lines = [
    '# turnserver.conf for Deskbridge, written by `deskbridge-server turn-config` (coturn 4.6).',
    '# Credentials come only from the Deskbridge server (TURN REST scheme, use-auth-secret).',
    `realm=${config.realm}`,
    'use-auth-secret',
    `static-auth-secret=${config.secret}`,
    'fingerprint',
    '',
    '# Where it listens and relays.',
    `listening-port=${config.listeningPort}`,
    ...config.listeningIps.map((ip) => `listening-ip=${ip}`),
    ...config.relayIps.map((ip) => `relay-ip=${ip}`),
    ...config.externalIps.map((ip) => `external-ip=${ip}`),
    `min-port=${config.minPort}`,
    `max-port=${config.maxPort}`,
    '',
    ...(config.tls
      ? [
          '# TURN over TLS, for networks that let only HTTPS out.',
          `tls-listening-port=${config.tlsListeningPort}`,
          `cert=${config.tls.certFile}`,
          `pkey=${config.tls.keyFile}`,
          'no-tlsv1',
          'no-tlsv1_1',
        ]
      : ['# No certificate given: no TLS listener.', 'no-tls']),
    'no-dtls',
    '',
    '# Hardening: no admin CLI, no TCP relays (browsers relay UDP), no amplification helpers.',
    'no-cli',
    'no-tcp-relay',
    'no-multicast-peers',
    'no-rfc5780',
    'no-stun-backward-compatibility',
    'no-software-attribute',
    'stale-nonce=600',
    '',
    '# No relay into loopback, private, link-local, CGNAT or reserved networks. (coturn reads',
    '# comments only on lines of their own.)',
    ...NON_PUBLIC_RANGES.flatMap(({ cidr, scope }) => [
      `# ${scope} ${cidr}`,
      `denied-peer-ip=${range(cidr)}`,
    ]),
  ];
  if (config.allowedPeers.length > 0) {
    lines.push(
      '',
      '# Let through despite the list above (given with --allow-peer-ip).',
      ...config.allowedPeers.map((cidr) => `allowed-peer-ip=${range(cidr)}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
