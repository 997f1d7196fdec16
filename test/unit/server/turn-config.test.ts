import { describe, expect, it } from 'vitest';
import { turnConfigText } from '../../../server/turn-config.js';
import { parseTurnConfigOptions } from '../../../server/turn-config-options.js';
import { NON_PUBLIC_RANGES } from '../../../src/shared/address-scope.js';

const SECRET = 'a-turn-secret-of-20c';
const configOf = (argv: string[]) => {
  const result = parseTurnConfigOptions(argv, {});
  if (result.kind !== 'config') throw new Error(JSON.stringify(result));
  return turnConfigText(result.config);
};
const lines = (text: string) => text.split('\n');

describe('turn-config', () => {
  it('writes a hardened coturn configuration', () => {
    const text = lines(configOf(['--turn-secret', SECRET, '--realm', 'turn.example.org']));
    for (const line of [
      'realm=turn.example.org',
      'use-auth-secret',
      `static-auth-secret=${SECRET}`,
      'fingerprint',
      'listening-port=3478',
      'min-port=49152',
      'max-port=65535',
      'no-cli',
      'no-multicast-peers',
      'no-tcp-relay',
      'no-tls',
      'no-dtls',
      'denied-peer-ip=10.0.0.0-10.255.255.255',
      'denied-peer-ip=127.0.0.0-127.255.255.255',
      'denied-peer-ip=100.64.0.0-100.127.255.255',
      'denied-peer-ip=fe80:0:0:0:0:0:0:0-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      'denied-peer-ip=0:0:0:0:0:0:0:1',
    ]) {
      expect(text).toContain(line);
    }
    expect(text.filter((line) => line.startsWith('denied-peer-ip='))).toHaveLength(
      NON_PUBLIC_RANGES.length,
    );
    // coturn reads a comment only on a line of its own.
    expect(text.filter((line) => line.includes('#') && !line.startsWith('#'))).toEqual([]);
    expect(text.some((line) => line.startsWith('tls-listening-port'))).toBe(false);
    expect(text.some((line) => line.startsWith('allowed-peer-ip'))).toBe(false);
  });

  it('adds a TLS listener on 443 with a certificate, and the addresses and ports given', () => {
    const text = lines(
      configOf([
        '--turn-secret',
        SECRET,
        '--realm',
        'turn.example.org',
        '--tls-cert',
        '/etc/c.pem',
        '--tls-key',
        '/etc/k.pem',
        '--listening-ip',
        '203.0.113.7',
        '--relay-ip',
        '203.0.113.7',
        '--external-ip',
        '198.51.100.7/10.0.0.7',
        '--min-port',
        '50000',
        '--max-port',
        '50100',
        '--allow-peer-ip',
        '198.18.4.0/24',
      ]),
    );
    for (const line of [
      'tls-listening-port=443',
      'cert=/etc/c.pem',
      'pkey=/etc/k.pem',
      'no-tlsv1',
      'no-tlsv1_1',
      'listening-ip=203.0.113.7',
      'relay-ip=203.0.113.7',
      'external-ip=198.51.100.7/10.0.0.7',
      'min-port=50000',
      'max-port=50100',
      'allowed-peer-ip=198.18.4.0-198.18.4.255',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toContain('no-tls');
  });

  it.each([
    [
      [],
      [
        '--turn-secret is needed (or DESKBRIDGE_TURN_SECRET)',
        '--realm is needed, e.g. --realm turn.example.org',
      ],
    ],
    [
      ['--turn-secret', SECRET, '--realm', 'bad realm'],
      ['--realm: "bad realm" is not a host name or IP address'],
    ],
    [
      ['--turn-secret', SECRET, '--realm', 'r.example', '--relay-ip', 'eth0'],
      ['--relay-ip: "eth0" is not an IP address'],
    ],
    [
      ['--turn-secret', SECRET, '--realm', 'r.example', '--min-port', '0'],
      ['--min-port: "0" is not a port (a whole number from 1 to 65535)'],
    ],
    [
      [
        '--turn-secret',
        SECRET,
        '--realm',
        'r.example',
        '--min-port',
        '60000',
        '--max-port',
        '50000',
      ],
      ['--min-port is above --max-port'],
    ],
    [
      ['--turn-secret', SECRET, '--realm', 'r.example', '--allow-peer-ip', '198.18.0.0/99'],
      ['--allow-peer-ip: "198.18.0.0/99" is not an address range (e.g. 198.18.0.0/24)'],
    ],
    [
      ['--turn-secret', SECRET, '--realm', 'r.example', '--tls-key', 'k.pem'],
      ['--tls-cert and --tls-key go together: give both or neither'],
    ],
    [
      ['--turn-secret', SECRET, '--realm', 'r.example', '--external-ip', '1.2.3.4/5.6.7.8/9'],
      ['--external-ip: "1.2.3.4/5.6.7.8/9" is not IP or IP/IP'],
    ],
  ])('%j → its messages', (argv, problems) => {
    expect(parseTurnConfigOptions(argv, {})).toEqual({ kind: 'invalid', problems });
  });

  it('takes the secret from DESKBRIDGE_TURN_SECRET', () => {
    const result = parseTurnConfigOptions(['--realm', 'r.example'], {
      DESKBRIDGE_TURN_SECRET: SECRET,
    });
    expect(result.kind).toBe('config');
  });
});
