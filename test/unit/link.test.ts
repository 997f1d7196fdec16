import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src/shared/base64url.js';
import { newPeerId, newSessionKey } from '../../src/shared/ids.js';
import {
  decodeLinkFragment,
  encodeLink,
  type JoinTicket,
  maskLink,
  renewLink,
} from '../../src/shared/link.js';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.js';

const VIEWER = 'https://example.com/viewer/';
const KEY = toBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i * 7));

const ticket: JoinTicket = {
  peerId: 'db-0123456789abcdefghijklmnop',
  key: KEY,
  signalling: DEFAULT_SETTINGS.signalling,
  iceServers: [],
};

const fragmentOf = (link: string) => link.slice(link.indexOf('#'));
/** Re-encodes a valid link's fragment with some parameters changed (null removes one). */
function tamper(changes: Record<string, string | null>, base = ticket): string {
  const params = new URLSearchParams(fragmentOf(encodeLink(VIEWER, base)).slice(1));
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  return `#${params}`;
}
const ice = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));

describe('encodeLink and decodeLinkFragment', () => {
  it('round-trip the default ticket', () => {
    expect(decodeLinkFragment(fragmentOf(encodeLink(VIEWER, ticket)))).toEqual({
      ok: true,
      ticket,
    });
  });

  it('round-trip a non-default signalling key, TLS and ICE servers with credentials', () => {
    const full: JoinTicket = {
      peerId: newPeerId(),
      key: newSessionKey(),
      signalling: {
        host: 'peer.example.com',
        port: 443,
        path: '/p/q',
        secure: true,
        key: 'team_key',
      },
      iceServers: [
        { urls: 'stun:stun.example.com:3478' },
        { urls: ['turn:t.example.com?transport=tcp'], username: 'ann', credential: 'p&ss=#word' },
      ],
    };
    const link = encodeLink(VIEWER, full);
    expect(link).toContain('pk=team_key');
    expect(decodeLinkFragment(fragmentOf(link))).toEqual({ ok: true, ticket: full });
  });

  it('decode a fragment with or without the leading #', () => {
    const fragment = fragmentOf(encodeLink(VIEWER, ticket));
    expect(decodeLinkFragment(fragment.slice(1))).toEqual(decodeLinkFragment(fragment));
  });

  it('put the key only in the fragment, which browsers never send to a server', () => {
    const link = encodeLink(`${VIEWER}?lang=en`, ticket);
    expect(link.indexOf(KEY)).toBeGreaterThan(link.indexOf('#'));
    expect(link.split('#')).toHaveLength(2);
    expect(link.startsWith(`${VIEWER}?lang=en#`)).toBe(true);
  });

  it('replace a fragment the viewer URL already had', () => {
    const link = encodeLink(`${VIEWER}#old`, ticket);
    expect(link.startsWith(`${VIEWER}#k=`)).toBe(true);
    expect(link).not.toContain('old');
  });

  it('carry ICE servers up to 4096 bytes', () => {
    const big: JoinTicket = {
      ...ticket,
      iceServers: Array(8).fill({ urls: `stun:${'a'.repeat(400)}` }),
    };
    expect(decodeLinkFragment(fragmentOf(encodeLink(VIEWER, big)))).toEqual({
      ok: true,
      ticket: big,
    });
  });

  it('leave out the default key and an empty ICE list', () => {
    const params = new URLSearchParams(fragmentOf(encodeLink(VIEWER, ticket)).slice(1));
    expect([...params.keys()]).toEqual(['k', 's', 'h', 'p', 'pa', 'tls']);
  });

  it('put the key first, so a narrow field showing the start of the link shows the masked part', () => {
    const link = encodeLink(VIEWER, ticket);
    expect(link.startsWith(`${VIEWER}#k=${KEY}&`)).toBe(true);
    expect(maskLink(link).startsWith(`${VIEWER}#k=${'•'.repeat(12)}&s=`)).toBe(true);
  });
});

describe('decodeLinkFragment refuses a broken link with a reason', () => {
  const noKey = 'The link has no valid key.';
  const noId = 'The link has no valid share id.';
  const noServer = 'The link has no valid signalling server.';
  const badIce = 'The link has invalid ICE servers.';

  it.each([
    ['an empty fragment', '', noId],
    ['a missing key', tamper({ k: null }), noKey],
    ['an empty key', tamper({ k: '' }), noKey],
    ['a key of 31 bytes', tamper({ k: toBase64Url(new Uint8Array(31)) }), noKey],
    ['a key of 33 bytes', tamper({ k: toBase64Url(new Uint8Array(33)) }), noKey],
    ['a key in standard base64', tamper({ k: `${KEY.slice(0, 42)}+` }), noKey],
    ['a padded key', tamper({ k: `${KEY}=` }), noKey],
    ['a non-canonical key', tamper({ k: `${KEY.slice(0, 42)}B` }), noKey],
    ['a missing peer id', tamper({ s: null }), noId],
    ['a peer id with a space', tamper({ s: 'db abc' }), noId],
    ['a peer id ending in a dash', tamper({ s: 'db-' }), noId],
    ['a peer id of 65 characters', tamper({ s: 'a'.repeat(65) }), noId],
    ['a missing port', tamper({ p: null }), noServer],
    ['port 0', tamper({ p: '0' }), noServer],
    ['port 70000', tamper({ p: '70000' }), noServer],
    ['a port that is no number', tamper({ p: 'http' }), noServer],
    ['a fractional port', tamper({ p: '80.5' }), noServer],
    ['a host with a scheme', tamper({ h: 'https://evil.example' }), noServer],
    ['a missing path', tamper({ pa: null }), noServer],
    ['a bad signalling key', tamper({ pk: 'a b' }), noServer],
    ['ICE that is not base64url', tamper({ ice: 'not base64!' }), badIce],
    ['ICE that is not JSON', tamper({ ice: toBase64Url(new TextEncoder().encode('[{')) }), badIce],
    ['ICE that is no list', tamper({ ice: ice({ urls: 'stun:a' }) }), badIce],
    ['ICE with a http: URL', tamper({ ice: ice([{ urls: 'http://a' }]) }), badIce],
    ['ICE with 9 servers', tamper({ ice: ice(Array(9).fill({ urls: 'stun:a' })) }), badIce],
    [
      'ICE over 4096 bytes',
      tamper({ ice: ice(Array(8).fill({ urls: `stun:${'a'.repeat(600)}` })) }),
      badIce,
    ],
    ['ICE of invalid UTF-8', tamper({ ice: toBase64Url(new Uint8Array([0xff, 0xfe])) }), badIce],
  ])('%s', (_, fragment, reason) => {
    expect(decodeLinkFragment(fragment)).toEqual({ ok: false, reason });
  });

  it('a tampered ICE blob, byte by byte, without throwing', () => {
    const encoded = ice([{ urls: 'turn:t.example.com', username: 'u', credential: 'c' }]);
    for (let i = 0; i < encoded.length; i++) {
      const flipped = encoded.slice(0, i) + (encoded[i] === 'A' ? 'B' : 'A') + encoded.slice(i + 1);
      const result = decodeLinkFragment(tamper({ ice: flipped }));
      // A flip inside a string may still decode to a (different) valid server.
      if (result.ok) expect(result.ticket.iceServers).toHaveLength(1);
      else expect(result.reason).toBe(badIce);
    }
  });
});

describe('maskLink', () => {
  const link = encodeLink(VIEWER, ticket);
  const dots = '•'.repeat(12);

  it('hides the key and the peer id behind at most 12 dots each', () => {
    const masked = maskLink(link);
    expect(masked).not.toContain(KEY);
    expect(masked).not.toContain(ticket.peerId);
    expect(masked).toContain(`k=${dots}&`);
    expect(masked).toContain(`s=${dots}&`);
  });

  it('keeps everything else as it was', () => {
    expect(maskLink(link)).toBe(link.replace(KEY, dots).replace(ticket.peerId, dots));
  });

  it('hides the key when it is the first parameter', () => {
    expect(maskLink(`${VIEWER}#k=${KEY}&s=db-x`)).toBe(`${VIEWER}#k=${dots}&s=••••`);
  });

  it('leaves a link without a key or peer id unchanged', () => {
    expect(maskLink(`${VIEWER}#h=host&pk=abc`)).toBe(`${VIEWER}#h=host&pk=abc`);
  });

  it('hides the key even when the viewer URL has a query parameter named k or s', () => {
    const withQuery = encodeLink(`${VIEWER}?lang=en&k=1&s=2`, ticket);
    const masked = maskLink(withQuery);
    expect(masked).not.toContain(KEY);
    expect(masked.startsWith(`${VIEWER}?lang=en&k=1&s=2#`)).toBe(true);
  });
});

describe('renewLink', () => {
  const link = encodeLink(VIEWER, { ...ticket, iceServers: [{ urls: 'stun:stun.example.com' }] });

  it('gives the same share a new key and a new peer id, and keeps the rest', () => {
    const renewed = renewLink(link);
    expect(renewed).not.toBeNull();
    const decoded = decodeLinkFragment(fragmentOf(renewed?.link ?? ''));
    expect(decoded).toEqual({
      ok: true,
      ticket: {
        ...ticket,
        iceServers: [{ urls: 'stun:stun.example.com' }],
        key: renewed?.key,
        peerId: renewed?.peerId,
      },
    });
    expect(renewed?.key).not.toBe(KEY);
    expect(renewed?.peerId).not.toBe(ticket.peerId);
    expect(renewed?.link.startsWith(VIEWER)).toBe(true);
  });

  it('is null for a link that is not one of ours', () => {
    expect(renewLink('https://example.com/no-fragment')).toBeNull();
    expect(renewLink(`${VIEWER}#k=short`)).toBeNull();
  });
});
