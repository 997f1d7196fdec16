import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  HANDLES_STORAGE_KEY,
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

describe('UiToBgSchema for remote control', () => {
  const decide = (over: Record<string, unknown> = {}) => ({
    to: 'bg',
    type: 'control/decide',
    peerId: 'db-Guest_1',
    decision: 'allow',
    ...over,
  });
  const handle = (value: unknown) => ({ to: 'bg', type: 'tab/capture-handle', handle: value });

  it.each(['allow', 'deny'])('accepts control/decide %s for a peer', (decision) => {
    expect(v.parse(UiToBgSchema, decide({ decision }))).toEqual(decide({ decision }));
  });

  it('drops a scope the sender chose from control/decide: the offer decides it', () => {
    expect(v.parse(UiToBgSchema, decide({ scope: 'desktop' }))).toEqual(decide());
  });

  it.each([
    ['a guest decision', decide({ decision: 'admit' })],
    ['a decision in capitals', decide({ decision: 'ALLOW' })],
    ['no decision', decide({ decision: undefined })],
    ['no peer id', decide({ peerId: undefined })],
    ['an empty peer id', decide({ peerId: '' })],
    ['a peer id of 65 characters', decide({ peerId: 'p'.repeat(65) })],
    ['a peer id with a slash', decide({ peerId: 'db/g' })],
    ['control/decide to the host', decide({ to: 'host' })],
  ])('refuses control/decide with %s', (_, input) => {
    expect(accepts(UiToBgSchema, input)).toBe(false);
  });

  it('accepts control/take-back, and drops anything extra from it', () => {
    expect(v.parse(UiToBgSchema, { to: 'bg', type: 'control/take-back', peerId: 'x' })).toEqual({
      to: 'bg',
      type: 'control/take-back',
    });
  });

  it.each([
    ['16 characters', 'a'.repeat(16)],
    ['64 characters', 'Z'.repeat(64)],
    ['letters, digits, dash and underscore', 'Ab09-_Ab09-_Ab09-_'],
  ])('accepts a capture handle of %s', (_, value) => {
    expect(accepts(UiToBgSchema, handle(value))).toBe(true);
  });

  it.each([
    ['15 characters', 'a'.repeat(15)],
    ['65 characters', 'a'.repeat(65)],
    ['a dot', `${'a'.repeat(16)}.`],
    ['a space', `${'a'.repeat(8)} ${'a'.repeat(8)}`],
    ['a trailing line break', `${'a'.repeat(16)}\n`],
    ['a non-ASCII letter', `${'a'.repeat(16)}é`],
    ['a number', 1234567890123456],
    ['null', null],
  ])('refuses a capture handle of %s', (_, value) => {
    expect(accepts(UiToBgSchema, handle(value))).toBe(false);
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

  const POINTER = { kind: 'pointer', action: 'move', nx: 0, ny: 1, button: 'none', clicks: 0 };
  const hostInput = (over: Record<string, unknown> = {}) => ({
    to: 'bg',
    type: 'host/input',
    sessionId: 's',
    peerId: 'db-g',
    epoch: 2,
    seq: 40,
    event: POINTER,
    ...over,
  });

  it.each([
    {
      to: 'bg',
      type: 'host/ready',
      sessionId: 's',
      surface: { kind: 'window', width: 1, height: 2 },
      captureHandle: null,
    },
    {
      to: 'bg',
      type: 'host/ready',
      sessionId: 's',
      surface: { kind: 'browser', width: 1, height: 2 },
      captureHandle: 'h'.repeat(1024),
    },
    { to: 'bg', type: 'host/control', sessionId: 's', peerId: 'db-g', request: 'request' },
    { to: 'bg', type: 'host/control', sessionId: 's', peerId: 'db-g', request: 'release' },
    hostInput(),
    hostInput({ event: { kind: 'text', text: 'a' } }),
    { to: 'bg', type: 'host/input-stats', sessionId: 's', dropped: 12 },
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
    [
      'host/ready without a capture handle',
      {
        to: 'bg',
        type: 'host/ready',
        sessionId: 's',
        surface: { kind: 'window', width: 1, height: 2 },
      },
    ],
    [
      'host/ready with a capture handle over 1024 characters',
      {
        to: 'bg',
        type: 'host/ready',
        sessionId: 's',
        surface: { kind: 'window', width: 1, height: 2 },
        captureHandle: 'h'.repeat(1025),
      },
    ],
    [
      'host/control asking for something else',
      { to: 'bg', type: 'host/control', sessionId: 's', peerId: 'db-g', request: 'grant' },
    ],
    [
      'host/control for a peer id with a space',
      { to: 'bg', type: 'host/control', sessionId: 's', peerId: 'db g', request: 'request' },
    ],
    ['host/input without an event', hostInput({ event: undefined })],
    ['host/input with an event off the picture', hostInput({ event: { ...POINTER, nx: 2 } })],
    ['host/input with an event of unknown kind', hostInput({ event: { kind: 'touch' } })],
    ['host/input with an epoch as a string', hostInput({ epoch: '2' })],
    ['host/input without a peer id', hostInput({ peerId: undefined })],
    [
      'host/input-stats with a count as a string',
      { to: 'bg', type: 'host/input-stats', sessionId: 's', dropped: '3' },
    ],
  ])('refuses %s', (_, message) => {
    expect(accepts(HostToBgSchema, message)).toBe(false);
  });

  it('clamps the wheel deltas of host/input as the wire does', () => {
    const wheel = { kind: 'wheel', nx: 0.5, ny: 0.5, dx: 3000, dy: -3000 };
    expect(v.parse(HostToBgSchema, hostInput({ event: wheel }))).toEqual(
      hostInput({ event: { ...wheel, dx: 1200, dy: -1200 } }),
    );
  });
});

describe('storage keys', () => {
  it('are namespaced and distinct', () => {
    expect(SESSION_STORAGE_KEY).toMatch(/^deskbridge:/);
    expect(SETTINGS_STORAGE_KEY).toMatch(/^deskbridge:/);
    expect(HANDLES_STORAGE_KEY).toMatch(/^deskbridge:/);
    expect(new Set([SESSION_STORAGE_KEY, SETTINGS_STORAGE_KEY, HANDLES_STORAGE_KEY]).size).toBe(3);
  });
});
