import { describe, expect, it } from 'vitest';
import {
  cidrBounds,
  hostScope,
  ipScope,
  NON_PUBLIC_RANGES,
  parseIp,
} from '../../src/shared/address-scope.js';

describe('ipScope', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['fd12:3456::1', 'private'],
    ['fc00::', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['198.19.255.255', 'reserved'],
    ['192.0.2.5', 'reserved'],
    ['224.0.0.251', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['::', 'reserved'],
    ['ff02::1', 'reserved'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:8.8.8.8', 'public'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['198.20.0.1', 'public'],
    ['2a00:1450:4001::1', 'public'],
  ])('%s is %s', (ip, scope) => {
    expect(ipScope(ip)).toBe(scope);
  });

  it.each(['example.org', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1::2::3', ':::', ''])(
    '%s is no IP literal',
    (text) => {
      expect(ipScope(text)).toBeNull();
    },
  );
});

describe('hostScope', () => {
  it.each([
    ['localhost', 'loopback'],
    ['app.localhost', 'loopback'],
    ['LOCALHOST.', 'loopback'],
    ['printer.local', 'private'],
    ['intranet', 'private'],
    ['deskbridge.example.org', 'public'],
    ['10.0.0.5', 'private'],
    ['[fe80::1]', 'link-local'],
    ['203.0.114.1', 'public'],
  ])('%s is %s', (host, scope) => {
    expect(hostScope(host)).toBe(scope);
  });
});

describe('parseIp', () => {
  it('reads both families, compressed and with an IPv4 tail', () => {
    expect(parseIp('1.2.3.4')).toEqual({ family: 4, value: 0x01020304n });
    expect(parseIp('::ffff:1.2.3.4')).toEqual({ family: 6, value: 0xffff01020304n });
    expect(parseIp('1:2:3:4:5:6:7:8')?.value).toBe(0x00010002000300040005000600070008n);
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIp('1:2:3:4:5:6:7::8')).toBeNull();
  });
});

describe('cidrBounds', () => {
  it('gives the first and last address in coturn range syntax', () => {
    expect(cidrBounds('10.0.0.0/8')).toEqual({ first: '10.0.0.0', last: '10.255.255.255' });
    expect(cidrBounds('100.64.0.0/10')).toEqual({ first: '100.64.0.0', last: '100.127.255.255' });
    expect(cidrBounds('fe80::/10')).toEqual({
      first: 'fe80:0:0:0:0:0:0:0',
      last: 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    });
    expect(cidrBounds('198.18.5.7')).toEqual({ first: '198.18.5.7', last: '198.18.5.7' });
  });

  it.each(['10.0.0.0/33', '10.0.0.0/-1', 'fe80::/129', 'nope/8', '10.0.0.0/8/8', '10.0.0.0/08'])(
    'refuses %s',
    (text) => {
      expect(cidrBounds(text)).toBeNull();
    },
  );

  it('accepts every listed range, and the list covers the issue’s ranges', () => {
    for (const { cidr } of NON_PUBLIC_RANGES) expect(cidrBounds(cidr)).not.toBeNull();
    const listed = NON_PUBLIC_RANGES.map((r) => r.cidr);
    for (const cidr of [
      '0.0.0.0/8',
      '10.0.0.0/8',
      '100.64.0.0/10',
      '127.0.0.0/8',
      '169.254.0.0/16',
      '172.16.0.0/12',
      '192.0.0.0/24',
      '192.0.2.0/24',
      '192.168.0.0/16',
      '198.18.0.0/15',
      'fc00::/7',
      'fe80::/10',
    ]) {
      expect(listed).toContain(cidr);
    }
  });
});
