import { describe, expect, it } from 'vitest';
import {
  API_ERRORS,
  ApiErrorSchema,
  parseWith,
  TicketRequestSchema,
  TicketResponseSchema,
  TurnCredentialsRequestSchema,
  TurnCredentialsResponseSchema,
  type WellKnown,
  WellKnownSchema,
  wellKnownUrl,
} from '../../src/shared/server-config.js';

const document: WellKnown = {
  deskbridge: 1,
  viewerUrl: 'https://deskbridge.example.org/viewer/',
  signalling: {
    host: 'deskbridge.example.org',
    port: 443,
    path: '/deskbridge',
    secure: true,
    key: 'peerjs',
  },
  iceServers: [{ urls: ['stun:turn.example.org:3478'] }],
  turn: {
    ticketUrl: 'https://deskbridge.example.org/api/tickets',
    credentialsUrl: 'https://deskbridge.example.org/api/turn-credentials',
  },
  accessTokenRequired: true,
};
const mac = 'A'.repeat(43);

describe('the well-known document', () => {
  it('lives at one path under the server address', () => {
    expect(wellKnownUrl('https://deskbridge.example.org')).toBe(
      'https://deskbridge.example.org/.well-known/deskbridge.json',
    );
    expect(wellKnownUrl('http://127.0.0.1:9000/anything')).toBe(
      'http://127.0.0.1:9000/.well-known/deskbridge.json',
    );
  });

  it('parses a full document, and one without TURN', () => {
    expect(parseWith(WellKnownSchema, document)).toEqual({ ok: true, value: document });
    const noTurn = { ...document, turn: null, iceServers: [], accessTokenRequired: false };
    expect(parseWith(WellKnownSchema, noTurn).ok).toBe(true);
  });

  it.each([
    ['another version', { ...document, deskbridge: 2 }, 'deskbridge'],
    ['a javascript: viewer', { ...document, viewerUrl: 'javascript:alert(1)' }, 'viewerUrl'],
    [
      'TURN among the public ICE servers',
      { ...document, iceServers: [{ urls: ['turn:x'] }] },
      'iceServers.0.urls.0',
    ],
    [
      'a bad signalling port',
      { ...document, signalling: { ...document.signalling, port: 0 } },
      'signalling.port',
    ],
    ['no turn field', { ...document, turn: undefined }, 'turn'],
  ])('refuses %s', (_name, input, field) => {
    const parsed = parseWith(WellKnownSchema, input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.startsWith(`${field}:`)).toBe(true);
  });
});

describe('the API bodies', () => {
  it('tickets: a peer id in, a ticket and its expiry out', () => {
    expect(parseWith(TicketRequestSchema, { peerId: 'abc-123' }).ok).toBe(true);
    expect(parseWith(TicketRequestSchema, { peerId: '-bad' }).ok).toBe(false);
    expect(parseWith(TicketRequestSchema, { peerId: 'x'.repeat(65) }).ok).toBe(false);
    const ticket = `eyJwIjoiYSJ9.${mac}`;
    expect(parseWith(TicketResponseSchema, { ticket, expiresAt: 1 }).ok).toBe(true);
    expect(parseWith(TicketResponseSchema, { ticket: 'nodot', expiresAt: 1 }).ok).toBe(false);
    expect(parseWith(TicketResponseSchema, { ticket, expiresAt: 1.5 }).ok).toBe(false);
  });

  it('TURN credentials: a ticket in, coturn REST credentials out', () => {
    expect(parseWith(TurnCredentialsRequestSchema, { ticket: `a.${mac}` }).ok).toBe(true);
    expect(parseWith(TurnCredentialsRequestSchema, { ticket: `a.${mac}x` }).ok).toBe(false);
    const response = {
      iceServers: [
        {
          urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:443'],
          username: '1767225600:5f0c2a1b9e3d',
          credential: 'c2VjcmV0',
        },
      ],
      expiresAt: 1_767_225_600_000,
    };
    expect(parseWith(TurnCredentialsResponseSchema, response)).toEqual({
      ok: true,
      value: response,
    });
    const stun = { ...response, iceServers: [{ ...response.iceServers[0], urls: ['stun:x'] }] };
    expect(parseWith(TurnCredentialsResponseSchema, stun).ok).toBe(false);
  });

  it('errors are codes with one status each', () => {
    for (const code of Object.keys(API_ERRORS)) {
      expect(parseWith(ApiErrorSchema, { error: code }).ok).toBe(true);
    }
    expect(parseWith(ApiErrorSchema, { error: 'teapot' }).ok).toBe(false);
    expect(API_ERRORS.forbidden).toBe(403);
    expect(API_ERRORS['rate-limited']).toBe(429);
  });
});
