/**
 * Who can reach an address: an IP literal or a host name is classified as loopback, private,
 * link-local, CGNAT, reserved or public. One list of ranges serves both the TURN server's
 * `denied-peer-ip` lines (no relay into the operator's own networks) and the sharer's warning
 * that guests on other networks cannot open a link naming such an address.
 */

export type AddressScope = 'loopback' | 'private' | 'link-local' | 'cgnat' | 'reserved' | 'public';
export type NonPublicScope = Exclude<AddressScope, 'public'>;

export interface ScopeRange {
  cidr: string;
  scope: NonPublicScope;
}

/** Every range that is not reachable from the public internet (RFC 6890 and its updates). */
export const NON_PUBLIC_RANGES: readonly ScopeRange[] = [
  { cidr: '0.0.0.0/8', scope: 'reserved' }, // "this network"
  { cidr: '10.0.0.0/8', scope: 'private' },
  { cidr: '100.64.0.0/10', scope: 'cgnat' },
  { cidr: '127.0.0.0/8', scope: 'loopback' },
  { cidr: '169.254.0.0/16', scope: 'link-local' },
  { cidr: '172.16.0.0/12', scope: 'private' },
  { cidr: '192.0.0.0/24', scope: 'reserved' }, // IETF protocol assignments
  { cidr: '192.0.2.0/24', scope: 'reserved' }, // TEST-NET-1
  { cidr: '192.88.99.0/24', scope: 'reserved' }, // former 6to4 relay anycast
  { cidr: '192.168.0.0/16', scope: 'private' },
  { cidr: '198.18.0.0/15', scope: 'reserved' }, // benchmarking
  { cidr: '198.51.100.0/24', scope: 'reserved' }, // TEST-NET-2
  { cidr: '203.0.113.0/24', scope: 'reserved' }, // TEST-NET-3
  { cidr: '224.0.0.0/4', scope: 'reserved' }, // multicast
  { cidr: '240.0.0.0/4', scope: 'reserved' }, // future use and broadcast
  { cidr: '::/128', scope: 'reserved' }, // unspecified
  { cidr: '::1/128', scope: 'loopback' },
  { cidr: '64:ff9b:1::/48', scope: 'reserved' }, // local-use NAT64
  { cidr: '100::/64', scope: 'reserved' }, // discard-only
  { cidr: '2001:2::/48', scope: 'reserved' }, // benchmarking
  { cidr: '2001:10::/28', scope: 'reserved' }, // ORCHID
  { cidr: '2001:db8::/32', scope: 'reserved' }, // documentation
  { cidr: 'fc00::/7', scope: 'private' }, // unique local
  { cidr: 'fe80::/10', scope: 'link-local' },
  { cidr: 'fec0::/10', scope: 'private' }, // deprecated site-local
  { cidr: 'ff00::/8', scope: 'reserved' }, // multicast
];

export interface ParsedIp {
  family: 4 | 6;
  value: bigint;
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are refused: some parsers read them as octal.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseGroups(text: string): bigint[] | null {
  if (text === '') return [];
  const groups: bigint[] = [];
  const parts = text.split(':');
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(BigInt(`0x${part}`));
    } else {
      return null;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | null {
  const halves = text.replace(/%[^%]+$/, '').split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  return groups.reduce((value, group) => (value << 16n) | group, 0n);
}

/** An IPv4 or IPv6 literal (brackets and a zone id allowed); null for anything else. */
export function parseIp(text: string): ParsedIp | null {
  const bare = text.trim().replace(/^\[(.*)\]$/, '$1');
  const v4 = parseIpv4(bare);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = bare.includes(':') ? parseIpv6(bare) : null;
  return v6 === null ? null : { family: 6, value: v6 };
}

interface Bounds {
  family: 4 | 6;
  first: bigint;
  last: bigint;
}

function boundsOf(cidr: string): Bounds | null {
  const [address = '', bits, ...rest] = cidr.split('/');
  const ip = parseIp(address);
  if (!ip || rest.length > 0 || address.includes('[')) return null;
  const width = ip.family === 4 ? 32 : 128;
  const prefix =
    bits === undefined ? width : /^(0|[1-9][0-9]{0,2})$/.test(bits) ? Number(bits) : -1;
  if (prefix < 0 || prefix > width) return null;
  const mask = (1n << BigInt(width - prefix)) - 1n;
  return { family: ip.family, first: ip.value & ~mask, last: ip.value | mask };
}

const RANGES = NON_PUBLIC_RANGES.map((range) => {
  const bounds = boundsOf(range.cidr);
  if (!bounds) throw new Error(`bad range in NON_PUBLIC_RANGES: ${range.cidr}`);
  return { ...range, ...bounds };
});

/** The scope of an IP literal; null when the text is not one. */
export function ipScope(text: string): AddressScope | null {
  const ip = parseIp(text);
  if (!ip) return null;
  // An IPv4-mapped IPv6 address reaches the IPv4 address inside it.
  const mapped = ip.family === 6 && ip.value >> 32n === V4_MAPPED_PREFIX >> 32n;
  const family = mapped ? 4 : ip.family;
  const value = mapped ? ip.value & 0xffffffffn : ip.value;
  const range = RANGES.find((r) => r.family === family && r.first <= value && value <= r.last);
  return range?.scope ?? 'public';
}

/**
 * The scope of a host as written in a URL. Names cannot be resolved here, so only names that
 * never resolve to the public internet are told apart: `localhost` and `*.localhost`, mDNS
 * `*.local`, and single-label intranet names; every other name counts as public.
 */
export function hostScope(host: string): AddressScope {
  const ip = ipScope(host);
  if (ip) return ip;
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
  if (name.endsWith('.local') || !name.includes('.')) return 'private';
  return 'public';
}

function formatIp(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  }
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) {
    groups.push(((value >> shift) & 0xffffn).toString(16));
  }
  return groups.join(':');
}

/**
 * First and last address of a CIDR range (a bare address is a range of one), e.g. for coturn's
 * `ip-ip` range syntax; null when the text is not a range.
 */
export function cidrBounds(cidr: string): { first: string; last: string } | null {
  const bounds = boundsOf(cidr);
  if (!bounds) return null;
  return {
    first: formatIp(bounds.family, bounds.first),
    last: formatIp(bounds.family, bounds.last),
  };
}
