import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  HostToBgSchema,
  PopupShareSchema,
  SESSION_STORAGE_KEY,
  SETTINGS_STORAGE_KEY,
  UiToBgSchema,
} from '../../src/shared/protocol.js';

const accepts = (schema: v.GenericSchema, input: unknown) => v.safeParse(schema, input).success;

describe('UiToBgSchema', () => {
  it.each(['share/start', 'share/stop', 'share/new-link', 'state/get'])(
    'accepts %s to the background',
    (type) => {
      expect(accepts(UiToBgSchema, { to: 'bg', type })).toBe(true);
    },
  );

  it.each(['admit', 'deny', 'remove'])('accepts guest/decide %s for a peer', (decision) => {
    const message = { to: 'bg', type: 'guest/decide', peerId: 'db-Guest_1', decision };
    expect(v.parse(UiToBgSchema, message)).toEqual(message);
  });

  it('accepts a peer id of 64 characters in guest/decide', () => {
    const message = { to: 'bg', type: 'guest/decide', peerId: 'p'.repeat(64), decision: 'admit' };
    expect(accepts(UiToBgSchema, message)).toBe(true);
  });

  it('drops anything extra from share/new-link, such as a key chosen by the sender', () => {
    expect(v.parse(UiToBgSchema, { to: 'bg', type: 'share/new-link', key: 'K' })).toEqual({
      to: 'bg',
      type: 'share/new-link',
    });
  });

  const decide = (over: Record<string, unknown>) => ({
    to: 'bg',
    type: 'guest/decide',
    peerId: 'db-g',
    decision: 'admit',
    ...over,
  });

  it.each([
    ['an unknown decision', decide({ decision: 'ban' })],
    ['a decision in capitals', decide({ decision: 'ADMIT' })],
    ['no decision', decide({ decision: undefined })],
    ['no peer id', decide({ peerId: undefined })],
    ['an empty peer id', decide({ peerId: '' })],
    ['a peer id of 65 characters', decide({ peerId: 'p'.repeat(65) })],
    ['a peer id with a space', decide({ peerId: 'db g' })],
    ['a peer id with a slash', decide({ peerId: 'db/g' })],
    ['a numeric peer id', decide({ peerId: 7 })],
    ['guest/decide to the host', decide({ to: 'host' })],
  ])('refuses guest/decide with %s', (_, input) => {
    expect(accepts(UiToBgSchema, input)).toBe(false);
  });

  it.each([
    ['a message to the host', { to: 'host', type: 'share/start' }],
    ['a message without receiver', { type: 'share/stop' }],
    ['an unknown type', { to: 'bg', type: 'share/pause' }],
    ['a host message', { to: 'bg', type: 'host/ended', sessionId: 's' }],
    ['null', null],
  ])('refuses %s', (_, input) => {
    expect(accepts(UiToBgSchema, input)).toBe(false);
  });
});

describe('PopupShareSchema', () => {
  it('accepts share/start with or without a tab id', () => {
    expect(accepts(PopupShareSchema, { to: 'bg', type: 'share/start' })).toBe(true);
    expect(accepts(PopupShareSchema, { to: 'bg', type: 'share/start', tabId: 12 })).toBe(true);
  });

  it.each([-1, 1.5, '12', Number.NaN])('refuses the tab id %j', (tabId) => {
    expect(accepts(PopupShareSchema, { to: 'bg', type: 'share/start', tabId })).toBe(false);
  });
});

describe('HostToBgSchema', () => {
  const guest = {
    peerId: 'db-g',
    name: 'Ann',
    status: 'watching',
    since: 1,
    framesSent: 2,
    bytesSent: 3000,
    rttMs: 42.5,
    dropped: 0,
  };
  const guests = (...list: unknown[]) => ({
    to: 'bg',
    type: 'host/guests',
    sessionId: 's',
    guests: list,
    rejectedAttempts: 0,
  });

  it.each(['checking', 'waiting', 'watching', 'denied', 'removed', 'left'])(
    'accepts a guest whose status is %s',
    (status) => {
      expect(accepts(HostToBgSchema, guests({ ...guest, status }))).toBe(true);
    },
  );

  it('accepts a guest with no round trip measured yet', () => {
    const message = guests({ ...guest, rttMs: null });
    expect(v.parse(HostToBgSchema, message)).toEqual(message);
  });

  it.each([
    ['without bytesSent', { bytesSent: undefined }],
    ['without rttMs', { rttMs: undefined }],
    ['without dropped', { dropped: undefined }],
    ['with bytesSent as a string', { bytesSent: '3000' }],
    ['with rttMs as a string', { rttMs: '42' }],
    ['with dropped null', { dropped: null }],
    ['of a status the popup does not know', { status: 'pending' }],
  ])('refuses a guest %s', (_, change) => {
    expect(accepts(HostToBgSchema, guests({ ...guest, ...change }))).toBe(false);
  });

  it.each([
    {
      to: 'bg',
      type: 'host/ready',
      sessionId: 's',
      surface: { kind: 'window', width: 1, height: 2 },
    },
    { to: 'bg', type: 'host/failed', sessionId: 's', error: { code: 'host-failed', message: 'm' } },
    { to: 'bg', type: 'host/ended', sessionId: 's' },
    { to: 'bg', type: 'host/guests', sessionId: 's', guests: [guest], rejectedAttempts: 0 },
  ])('accepts $type', (message) => {
    expect(accepts(HostToBgSchema, message)).toBe(true);
  });

  it.each([
    [
      'a surface of unknown kind',
      {
        to: 'bg',
        type: 'host/ready',
        sessionId: 's',
        surface: { kind: 'tab', width: 1, height: 1 },
      },
    ],
    [
      'an error message over 500 characters',
      {
        to: 'bg',
        type: 'host/failed',
        sessionId: 's',
        error: { code: 'x', message: 'm'.repeat(501) },
      },
    ],
    [
      'a guest of unknown status',
      {
        to: 'bg',
        type: 'host/guests',
        sessionId: 's',
        guests: [{ ...guest, status: 'hacking' }],
        rejectedAttempts: 0,
      },
    ],
    ['no session id', { to: 'bg', type: 'host/ended' }],
    ['a ui message', { to: 'bg', type: 'share/stop' }],
  ])('refuses %s', (_, message) => {
    expect(accepts(HostToBgSchema, message)).toBe(false);
  });
});

describe('storage keys', () => {
  it('are namespaced and distinct', () => {
    expect(SESSION_STORAGE_KEY).toMatch(/^deskbridge:/);
    expect(SETTINGS_STORAGE_KEY).toMatch(/^deskbridge:/);
    expect(SESSION_STORAGE_KEY).not.toBe(SETTINGS_STORAGE_KEY);
  });
});
