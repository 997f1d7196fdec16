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
  it.each(['share/start', 'share/stop', 'state/get'])('accepts %s to the background', (type) => {
    expect(accepts(UiToBgSchema, { to: 'bg', type })).toBe(true);
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
  const guest = { peerId: 'db-g', name: 'Ann', status: 'watching', since: 1, framesSent: 2 };

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
