import * as v from 'valibot';

const hostname = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('Enter the server host name.'),
  v.maxLength(253, 'The host name is too long.'),
  v.regex(
    /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)$/,
    'Use a host name or IP address, without scheme or path (e.g. peer.example.com).',
  ),
);

const port = v.pipe(
  v.number('The port must be a number.'),
  v.integer('The port must be a whole number.'),
  v.minValue(1, 'The port must be between 1 and 65535.'),
  v.maxValue(65535, 'The port must be between 1 and 65535.'),
);

const urlPath = v.pipe(
  v.string(),
  v.regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, 'The path must start with / (e.g. /deskbridge).'),
  v.maxLength(200, 'The path is too long.'),
);

export const SignallingSchema = v.object({
  host: hostname,
  port,
  path: urlPath,
  secure: v.boolean(),
  key: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'The key is letters, digits, - and _ (at most 64).'),
  ),
});

const iceUrl = v.pipe(
  v.string(),
  v.regex(
    /^(stun|stuns|turn|turns):[^\s]+$/,
    'An ICE server URL starts with stun:, stuns:, turn: or turns:',
  ),
);

export const IceServerSchema = v.object({
  urls: v.union([iceUrl, v.pipe(v.array(iceUrl), v.minLength(1), v.maxLength(8))]),
  username: v.optional(v.pipe(v.string(), v.maxLength(256))),
  credential: v.optional(v.pipe(v.string(), v.maxLength(256))),
});

const viewerUrl = v.pipe(
  v.string(),
  v.url('The viewer URL must be a full URL (e.g. https://example.com/viewer/).'),
  v.check((u) => /^https?:\/\//.test(u), 'The viewer URL must start with http:// or https://'),
  v.check((u) => !u.includes('#'), 'The viewer URL must not contain #.'),
);

export const MAX_GUESTS_LIMIT = 20;

export const SettingsSchema = v.object({
  signalling: SignallingSchema,
  iceServers: v.pipe(v.array(IceServerSchema), v.maxLength(8, 'At most 8 ICE servers.')),
  viewerUrl,
  /** Off by default: each guest waits until the sharer admits them. */
  admitEveryone: v.boolean(),
  maxGuests: v.pipe(
    v.number('The maximum number of guests must be a number.'),
    v.integer('The maximum number of guests must be a whole number.'),
    v.minValue(1, `Allow between 1 and ${MAX_GUESTS_LIMIT} guests.`),
    v.maxValue(MAX_GUESTS_LIMIT, `Allow between 1 and ${MAX_GUESTS_LIMIT} guests.`),
  ),
});

export type Signalling = v.InferOutput<typeof SignallingSchema>;
export type IceServer = v.InferOutput<typeof IceServerSchema>;
export type Settings = v.InferOutput<typeof SettingsSchema>;

/** The local servers that `npm start` runs: never the public PeerJS cloud server by surprise. */
export const DEFAULT_SETTINGS: Settings = {
  signalling: { host: '127.0.0.1', port: 9000, path: '/deskbridge', secure: false, key: 'peerjs' },
  iceServers: [],
  viewerUrl: 'http://127.0.0.1:8080/viewer/',
  admitEveryone: false,
  maxGuests: 5,
};

export type SettingsResult =
  | { ok: true; settings: Settings }
  | { ok: false; issues: { field: string; message: string }[] };

/** Validates settings from storage or the options form; each problem names its field. */
export function parseSettings(input: unknown): SettingsResult {
  const result = v.safeParse(SettingsSchema, input);
  if (result.success) return { ok: true, settings: result.output };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      field: v.getDotPath(issue) ?? '',
      message: issue.message,
    })),
  };
}

/** Stored settings merged over the defaults; a corrupt store falls back to the defaults. */
export function settingsOrDefault(stored: unknown): Settings {
  if (typeof stored !== 'object' || stored === null) return DEFAULT_SETTINGS;
  const parsed = parseSettings({ ...DEFAULT_SETTINGS, ...stored });
  return parsed.ok ? parsed.settings : DEFAULT_SETTINGS;
}
