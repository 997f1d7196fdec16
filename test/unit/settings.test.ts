import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../../src/shared/i18n.js';
import {
  DEFAULT_SETTINGS,
  MAX_GUESTS_LIMIT,
  parseSettings,
  type Settings,
  settingsOrDefault,
} from '../../src/shared/settings.js';
import { english } from './english.js';

const signalling = (over: Record<string, unknown>) => ({
  ...DEFAULT_SETTINGS,
  signalling: { ...DEFAULT_SETTINGS.signalling, ...over },
});
const withIce = (iceServers: unknown) => ({ ...DEFAULT_SETTINGS, iceServers });
const withViewer = (viewerUrl: unknown) => ({ ...DEFAULT_SETTINGS, viewerUrl });
const withMaxGuests = (maxGuests: unknown) => ({ ...DEFAULT_SETTINGS, maxGuests });
const withAdmitEveryone = (admitEveryone: unknown) => ({ ...DEFAULT_SETTINGS, admitEveryone });

const valid: Settings = {
  signalling: { host: 'peer.example.com', port: 443, path: '/', secure: true, key: 'my_key-1' },
  iceServers: [
    { urls: 'stun:stun.example.com:3478' },
    {
      urls: ['turn:turn.example.com', 'turns:turn.example.com:5349'],
      username: 'u',
      credential: 'c',
    },
    { urls: 'stuns:stun.example.com' },
  ],
  viewerUrl: 'https://example.com/viewer/?lang=en',
  admitEveryone: true,
  maxGuests: 12,
  quality: { preset: 'sharp-text', maxHeight: 1440 },
  rejoinGraceSeconds: 90,
};

describe('parseSettings', () => {
  it('accepts the defaults, which point at the local servers', () => {
    expect(parseSettings(DEFAULT_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    expect(DEFAULT_SETTINGS.signalling.host).toBe('127.0.0.1');
  });

  it('accepts a full valid configuration unchanged', () => {
    expect(parseSettings(valid)).toEqual({ ok: true, settings: valid });
  });

  it.each(['localhost', '10.0.0.1', '[::1]', '[2001:db8::1]', 'a-b.example.org', 'x'.repeat(63)])(
    'accepts the host %s',
    (host) => {
      expect(parseSettings(signalling({ host })).ok).toBe(true);
    },
  );

  it('trims spaces around the host', () => {
    const result = parseSettings(signalling({ host: '  peer.example.com ' }));
    expect(result.ok && result.settings.signalling.host).toBe('peer.example.com');
  });

  it.each([1, 80, 65535])('accepts the port %s', (port) => {
    expect(parseSettings(signalling({ port })).ok).toBe(true);
  });

  it.each(['/', '/deskbridge', '/a/b-c_d.e~f', '/%20'])('accepts the path %s', (path) => {
    expect(parseSettings(signalling({ path })).ok).toBe(true);
  });

  it.each(['http://127.0.0.1:8080/viewer/', 'https://example.com/v?x=1'])(
    'accepts the viewer URL %s',
    (viewerUrl) => {
      expect(parseSettings(withViewer(viewerUrl)).ok).toBe(true);
    },
  );

  it('asks before admitting anyone and allows 5 guests by default', () => {
    expect(DEFAULT_SETTINGS.admitEveryone).toBe(false);
    expect(DEFAULT_SETTINGS.maxGuests).toBe(5);
    expect(MAX_GUESTS_LIMIT).toBe(20);
  });

  it.each([true, false])('accepts admitEveryone %s', (admitEveryone) => {
    expect(parseSettings(withAdmitEveryone(admitEveryone))).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, admitEveryone },
    });
  });

  it.each([1, 2, 5, 19, 20])('accepts maxGuests %i', (maxGuests) => {
    expect(parseSettings(withMaxGuests(maxGuests))).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, maxGuests },
    });
  });

  it('accepts exactly 8 ICE servers', () => {
    expect(parseSettings(withIce(Array(8).fill({ urls: 'stun:a' }))).ok).toBe(true);
  });

  const hostMessage =
    'Use a host name or IP address, without scheme or path (e.g. peer.example.com).';
  const portRange = 'The port must be between 1 and 65535.';
  const pathMessage = 'The path must start with / (e.g. /deskbridge).';
  const keyMessage = 'The key is letters, digits, - and _ (at most 64).';
  const iceMessage = 'An ICE server URL starts with stun:, stuns:, turn: or turns:';
  const guestRange = 'Allow between 1 and 20 guests.';

  it.each([
    [
      'a host with a scheme',
      signalling({ host: 'https://peer.example.com' }),
      'signalling.host',
      hostMessage,
    ],
    [
      'a host with a path',
      signalling({ host: 'peer.example.com/peerjs' }),
      'signalling.host',
      hostMessage,
    ],
    [
      'a host with a port',
      signalling({ host: 'peer.example.com:9000' }),
      'signalling.host',
      hostMessage,
    ],
    [
      'a host with a space inside',
      signalling({ host: 'peer example.com' }),
      'signalling.host',
      hostMessage,
    ],
    ['an empty host', signalling({ host: ' ' }), 'signalling.host', 'Enter the server host name.'],
    [
      'a host that is too long',
      signalling({ host: `${'a.'.repeat(127)}ab` }),
      'signalling.host',
      'The host name is too long.',
    ],
    ['port 0', signalling({ port: 0 }), 'signalling.port', portRange],
    ['port 70000', signalling({ port: 70000 }), 'signalling.port', portRange],
    ['a negative port', signalling({ port: -1 }), 'signalling.port', portRange],
    ['port 1.5', signalling({ port: 1.5 }), 'signalling.port', 'The port must be a whole number.'],
    [
      'the port as a string',
      signalling({ port: '80' }),
      'signalling.port',
      'The port must be a number.',
    ],
    ['port NaN', signalling({ port: Number.NaN }), 'signalling.port', 'The port must be a number.'],
    [
      'a path without leading /',
      signalling({ path: 'deskbridge' }),
      'signalling.path',
      pathMessage,
    ],
    ['an empty path', signalling({ path: '' }), 'signalling.path', pathMessage],
    ['a path with a space', signalling({ path: '/desk bridge' }), 'signalling.path', pathMessage],
    ['a path with a query', signalling({ path: '/a?b' }), 'signalling.path', pathMessage],
    [
      'a path that is too long',
      signalling({ path: `/${'a'.repeat(200)}` }),
      'signalling.path',
      'The path is too long.',
    ],
    ['an empty key', signalling({ key: '' }), 'signalling.key', keyMessage],
    ['a key with a space', signalling({ key: 'peer js' }), 'signalling.key', keyMessage],
    ['a key with a slash', signalling({ key: 'a/b' }), 'signalling.key', keyMessage],
    ['a key of 65 characters', signalling({ key: 'k'.repeat(65) }), 'signalling.key', keyMessage],
    [
      'an ICE URL with http:',
      withIce([{ urls: 'http://stun.example.com' }]),
      'iceServers.0.urls',
      iceMessage,
    ],
    [
      'an ICE URL without scheme',
      withIce([{ urls: 'stun.example.com' }]),
      'iceServers.0.urls',
      iceMessage,
    ],
    ['an ICE URL with a space', withIce([{ urls: 'stun:a b' }]), 'iceServers.0.urls', iceMessage],
    [
      'a bad ICE URL in a list',
      withIce([{ urls: 'stun:a' }, { urls: ['turn:b', 'ftp:c'] }]),
      'iceServers.1.urls.1',
      iceMessage,
    ],
    [
      'too many ICE servers',
      withIce(Array(9).fill({ urls: 'stun:a' })),
      'iceServers',
      'At most 8 ICE servers.',
    ],
    [
      'a viewer URL with ftp:',
      withViewer('ftp://example.com/viewer/'),
      'viewerUrl',
      'The viewer URL must start with http:// or https://',
    ],
    [
      'a javascript: viewer URL',
      withViewer('javascript:alert(1)'),
      'viewerUrl',
      'The viewer URL must start with http:// or https://',
    ],
    [
      'a viewer URL with #',
      withViewer('https://example.com/viewer/#s=x'),
      'viewerUrl',
      'The viewer URL must not contain #.',
    ],
    [
      'a viewer URL that is no URL',
      withViewer('example.com/viewer'),
      'viewerUrl',
      'The viewer URL must be a full URL (e.g. https://example.com/viewer/).',
    ],
    ['maxGuests 0', withMaxGuests(0), 'maxGuests', guestRange],
    ['maxGuests 21', withMaxGuests(21), 'maxGuests', guestRange],
    ['a negative maxGuests', withMaxGuests(-3), 'maxGuests', guestRange],
    ['maxGuests 1000', withMaxGuests(1000), 'maxGuests', guestRange],
    [
      'maxGuests 2.5',
      withMaxGuests(2.5),
      'maxGuests',
      'The maximum number of guests must be a whole number.',
    ],
    [
      'maxGuests Infinity',
      withMaxGuests(Number.POSITIVE_INFINITY),
      'maxGuests',
      'The maximum number of guests must be a whole number.',
    ],
    [
      'maxGuests as a string',
      withMaxGuests('5'),
      'maxGuests',
      'The maximum number of guests must be a number.',
    ],
    [
      'maxGuests NaN',
      withMaxGuests(Number.NaN),
      'maxGuests',
      'The maximum number of guests must be a number.',
    ],
    [
      'a missing maxGuests',
      withMaxGuests(undefined),
      'maxGuests',
      'The maximum number of guests must be a number.',
    ],
  ])('refuses %s at the field that is wrong', (_, input, field, message) => {
    const result = parseSettings(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Problems are message keys; people read them in their language (English here).
    const said = result.issues.map((issue) => ({
      field: issue.field,
      message: english.t(issue.message as MessageKey),
    }));
    expect(said).toContainEqual({ field, message });
    for (const issue of result.issues) expect(issue.field).toBe(field);
  });

  it.each([
    ['an empty ICE URL list', withIce([{ urls: [] }])],
    ['9 URLs in one ICE server', withIce([{ urls: Array(9).fill('stun:a') }])],
    ['a username of 257 characters', withIce([{ urls: 'stun:a', username: 'u'.repeat(257) }])],
    ['a numeric credential', withIce([{ urls: 'turn:a', credential: 1234 }])],
    ['ICE servers that are not a list', withIce({ urls: 'stun:a' })],
    ['secure as a string', signalling({ secure: 'true' })],
    ['a missing signalling block', { ...DEFAULT_SETTINGS, signalling: undefined }],
    ['admitEveryone as a string', withAdmitEveryone('true')],
    ['admitEveryone as a number', withAdmitEveryone(1)],
    ['admitEveryone null', withAdmitEveryone(null)],
    ['a missing admitEveryone', withAdmitEveryone(undefined)],
  ])('refuses %s', (_, input) => {
    const result = parseSettings(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
  });

  it.each([null, undefined, 42, 'settings', [], {}])('refuses %j without throwing', (input) => {
    expect(parseSettings(input).ok).toBe(false);
  });

  it('reports every wrong field at once', () => {
    const result = parseSettings({
      signalling: { ...DEFAULT_SETTINGS.signalling, host: 'http://x', port: 0 },
      iceServers: [],
      viewerUrl: 'https://x/#',
      admitEveryone: 'yes',
      maxGuests: 0,
      rejoinGraceSeconds: 60,
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.field)).toEqual([
      'signalling.host',
      'signalling.port',
      'viewerUrl',
      'admitEveryone',
      'maxGuests',
    ]);
  });
});

describe('settingsOrDefault', () => {
  it('returns stored settings that are valid', () => {
    expect(settingsOrDefault(valid)).toEqual(valid);
  });

  it('fills fields missing from the store with the defaults', () => {
    expect(settingsOrDefault({ viewerUrl: 'https://example.com/viewer/' })).toEqual({
      ...DEFAULT_SETTINGS,
      viewerUrl: 'https://example.com/viewer/',
    });
    expect(settingsOrDefault({ iceServers: valid.iceServers })).toEqual({
      ...DEFAULT_SETTINGS,
      iceServers: valid.iceServers,
    });
  });

  it('gives settings stored before admission existed the safe defaults', () => {
    const { admitEveryone: _a, maxGuests: _m, ...older } = valid;
    expect(settingsOrDefault(older)).toEqual({ ...older, admitEveryone: false, maxGuests: 5 });
  });

  it('keeps a stored admitEveryone and maxGuests', () => {
    expect(settingsOrDefault({ admitEveryone: true, maxGuests: 20 })).toEqual({
      ...DEFAULT_SETTINGS,
      admitEveryone: true,
      maxGuests: 20,
    });
  });

  it('drops unknown fields', () => {
    expect(settingsOrDefault({ ...valid, theme: 'dark' })).toEqual(valid);
  });

  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', '{"viewerUrl":"https://x/"}'],
    ['a number', 7],
    ['an array', [1, 2]],
    ['an invalid field', { viewerUrl: 'ftp://x/' }],
    ['a half-filled signalling block', { signalling: { host: 'peer.example.com' } }],
    ['maxGuests out of range', { maxGuests: 21 }],
    ['admitEveryone as a string', { admitEveryone: 'true' }],
  ])('falls back to the defaults for %s', (_, stored) => {
    expect(settingsOrDefault(stored)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('quality settings', () => {
  it('defaults to Balanced at 1080 lines, also for settings stored before they existed', () => {
    expect(DEFAULT_SETTINGS.quality).toEqual({ preset: 'balanced', maxHeight: 1080 });
    const { quality: _, ...older } = valid;
    expect(settingsOrDefault(older).quality).toEqual(DEFAULT_SETTINGS.quality);
  });

  it('names the field of a bad maximum resolution', () => {
    const result = parseSettings({
      ...DEFAULT_SETTINGS,
      quality: { preset: 'balanced', maxHeight: 50 },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.field).toBe('quality.maxHeight');
  });
});

describe('the server address (issue #12)', () => {
  const withServer = (serverUrl: unknown) => parseSettings({ ...DEFAULT_SETTINGS, serverUrl });

  it.each([
    'https://deskbridge.example.com',
    'https://deskbridge.example.com:8443/base/',
    'http://127.0.0.1:9000',
    'http://localhost:9000',
    'http://[::1]:9000',
  ])('takes %s', (address) => {
    expect(withServer(address).ok).toBe(true);
  });

  it.each([
    ['plain http to another machine', 'http://deskbridge.example.com', 'settingsServerScheme'],
    ['plain http to a private address', 'http://192.168.1.10:9000', 'settingsServerScheme'],
    ['another scheme', 'ftp://deskbridge.example.com', 'settingsServerScheme'],
    ['not a URL', 'deskbridge', 'settingsServerUrl'],
    ['a fragment', 'https://deskbridge.example.com/#x', 'settingsServerUrl'],
  ])('refuses %s, naming the field', (_, address, message) => {
    const result = withServer(address);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual({ field: 'serverUrl', message });
  });

  it('is optional: no server means the fields are used as typed', () => {
    expect(withServer(null).ok).toBe(true);
    expect(parseSettings(DEFAULT_SETTINGS).ok).toBe(true);
  });
});
