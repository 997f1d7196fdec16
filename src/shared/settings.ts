import * as v from 'valibot';
import { hostScope } from './address-scope.js';
import type { MessageKey } from './i18n.js';
import { DEFAULT_QUALITY, QualitySettingsSchema } from './quality.js';

/** Problems are message keys: the options page says them in the reader's language. */
const m = (key: MessageKey): string => key;

const hostname = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty(m('settingsHostEmpty')),
  v.maxLength(253, m('settingsHostLong')),
  v.regex(
    /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)$/,
    m('settingsHostShape'),
  ),
);

const port = v.pipe(
  v.number(m('settingsPortNumber')),
  v.integer(m('settingsPortWhole')),
  v.minValue(1, m('settingsPortRange')),
  v.maxValue(65535, m('settingsPortRange')),
);

const urlPath = v.pipe(
  v.string(),
  v.regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, m('settingsPathShape')),
  v.maxLength(200, m('settingsPathLong')),
);

export const SignallingSchema = v.object({
  host: hostname,
  port,
  path: urlPath,
  secure: v.boolean(),
  key: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, m('settingsKeyShape'))),
});

const iceUrl = v.pipe(v.string(), v.regex(/^(stun|stuns|turn|turns):[^\s]+$/, m('settingsIceUrl')));

export const IceServerSchema = v.object({
  urls: v.union([iceUrl, v.pipe(v.array(iceUrl), v.minLength(1), v.maxLength(8))]),
  username: v.optional(v.pipe(v.string(), v.maxLength(256))),
  credential: v.optional(v.pipe(v.string(), v.maxLength(256))),
});

const viewerUrl = v.pipe(
  v.string(),
  v.url(m('settingsViewerUrl')),
  v.check((u) => /^https?:\/\//.test(u), m('settingsViewerScheme')),
  v.check((u) => !u.includes('#'), m('settingsViewerHash')),
);

/**
 * A Deskbridge server's address (issue #12): the one thing most sharers type. https, or plain
 * http only on this computer (the local server `npm start` runs): a guest elsewhere needs TLS.
 */
const serverUrl = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2048, m('settingsServerUrl')),
  v.check((u) => URL.canParse(u) && !u.includes('#') && !u.includes('?'), m('settingsServerUrl')),
  v.check((u) => u.startsWith('https://') || isLoopbackHttp(u), m('settingsServerScheme')),
);

/** `http://` to this computer (127.0.0.0/8, ::1, localhost), where TLS buys nothing. */
function isLoopbackHttp(url: string): boolean {
  if (!url.startsWith('http://') || !URL.canParse(url)) return false;
  return hostScope(new URL(url).hostname.replace(/^\[|\]$/g, '')) === 'loopback';
}

export const MAX_GUESTS_LIMIT = 20;
/** An hour at most: a guest who is away longer asks again. */
export const MAX_REJOIN_GRACE_SECONDS = 3600;

export const SettingsSchema = v.object({
  signalling: SignallingSchema,
  iceServers: v.pipe(v.array(IceServerSchema), v.maxLength(8, m('settingsIceCount'))),
  viewerUrl,
  /** Off by default: each guest waits until the sharer admits them. */
  admitEveryone: v.boolean(),
  maxGuests: v.pipe(
    v.number(m('settingsGuestsNumber')),
    v.integer(m('settingsGuestsWhole')),
    v.minValue(1, m('settingsGuestsRange')),
    v.maxValue(MAX_GUESTS_LIMIT, m('settingsGuestsRange')),
  ),
  /** Picture quality; optional so settings stored before it existed stay valid. */
  quality: v.optional(QualitySettingsSchema),
  /**
   * A Deskbridge server: its well-known document gives signalling, the viewer and STUN, and
   * TURN credentials come per share through a ticket. Null: the fields above are used as typed.
   */
  serverUrl: v.optional(v.nullable(serverUrl)),
  /** The server's access token, when its operator set one (tickets, and so TURN, need it). */
  accessToken: v.optional(v.pipe(v.string(), v.maxLength(256, m('settingsAccessTokenLong')))),
  /** Relayed paths only (TURN): guests never learn this computer's network addresses. */
  relayOnly: v.optional(v.boolean()),
  /** Whether a guest may be granted control of a shared tab / the whole desktop at all. */
  allowTabControl: v.optional(v.boolean()),
  allowDesktopControl: v.optional(v.boolean()),
  /** An admitted guest who reloads or drops out comes back without a new admission this long. */
  rejoinGraceSeconds: v.pipe(
    v.number(m('settingsRejoinNumber')),
    v.integer(m('settingsRejoinWhole')),
    v.minValue(0, m('settingsRejoinRange')),
    v.maxValue(MAX_REJOIN_GRACE_SECONDS, m('settingsRejoinRange')),
  ),
});

export type Signalling = v.InferOutput<typeof SignallingSchema>;
export type IceServer = v.InferOutput<typeof IceServerSchema>;
export type Settings = v.InferOutput<typeof SettingsSchema>;

/** The local server that `npm start` runs, one port: never the public PeerJS cloud server by surprise. */
export const DEFAULT_SETTINGS: Settings = {
  signalling: { host: '127.0.0.1', port: 9000, path: '/deskbridge', secure: false, key: 'peerjs' },
  iceServers: [],
  viewerUrl: 'http://127.0.0.1:9000/viewer/',
  admitEveryone: false,
  maxGuests: 5,
  quality: DEFAULT_QUALITY,
  rejoinGraceSeconds: 60,
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
