import { t } from '../extension-i18n.js';
import type { MessageKey } from '../shared/i18n.js';
import { DEFAULT_QUALITY, type QualityPreset } from '../shared/quality.js';
import type { Settings } from '../shared/settings.js';

/**
 * The form's own copy of the settings: every field as typed, so a half-typed port is kept and
 * `parseSettings` (not the form) decides what is valid.
 */
export interface IceDraft {
  /** Stable across edits and removals, unlike the row's index. */
  key: string;
  urls: string;
  username: string;
  credential: string;
}

export interface SettingsDraft {
  host: string;
  port: string;
  path: string;
  secure: boolean;
  key: string;
  viewerUrl: string;
  iceServers: IceDraft[];
  admitEveryone: boolean;
  /** As typed, like the port. */
  maxGuests: string;
  preset: QualityPreset;
  /** As typed, like the port. */
  maxHeight: string;
  rejoinGraceSeconds: string;
}

/** Field name → the first problem with it; `''` holds problems that belong to no field. */
export type FieldIssues = Record<string, string>;

export const MAX_ICE_SERVERS = 8;

export const iceField = (row: IceDraft, part: 'urls' | 'username' | 'credential') =>
  `ice.${row.key}.${part}`;

export function emptyIceRow(): IceDraft {
  return { key: crypto.randomUUID(), urls: '', username: '', credential: '' };
}

/** `keys` keeps the rows' identities (and so focus) when the form is refilled after a save. */
export function toDraft(settings: Settings, keys: string[] = []): SettingsDraft {
  const { signalling: s } = settings;
  return {
    host: s.host,
    port: String(s.port),
    path: s.path,
    secure: s.secure,
    key: s.key,
    viewerUrl: settings.viewerUrl,
    iceServers: settings.iceServers.map((server, index) => ({
      key: keys[index] ?? crypto.randomUUID(),
      urls: typeof server.urls === 'string' ? server.urls : server.urls.join(', '),
      username: server.username ?? '',
      credential: server.credential ?? '',
    })),
    admitEveryone: settings.admitEveryone,
    maxGuests: String(settings.maxGuests),
    preset: (settings.quality ?? DEFAULT_QUALITY).preset,
    maxHeight: String((settings.quality ?? DEFAULT_QUALITY).maxHeight),
    rejoinGraceSeconds: String(settings.rejoinGraceSeconds),
  };
}

/** An empty number field is "not a number", not 0. */
const numberInput = (typed: string) => (typed.trim() === '' ? Number.NaN : Number(typed.trim()));

/** A row left wholly empty (added, then never filled) is dropped rather than refused. */
const isBlankRow = (row: IceDraft) => !`${row.urls}${row.username}${row.credential}`.trim();

function iceInput(row: IceDraft) {
  const urls = row.urls
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  return {
    // One URL is stored as a string, like hand-written RTCIceServer configs; none fails as ''.
    urls: urls.length === 1 ? urls[0] : urls.length === 0 ? '' : urls,
    ...(row.username.trim() && { username: row.username.trim() }),
    ...(row.credential && { credential: row.credential }),
  };
}

/** What `parseSettings` is given, and which draft row each `iceServers.N` refers to. */
export function toSettingsInput(draft: SettingsDraft): { input: unknown; rows: IceDraft[] } {
  const rows = draft.iceServers.filter((row) => !isBlankRow(row));
  return {
    rows,
    input: {
      signalling: {
        host: draft.host,
        port: numberInput(draft.port),
        path: draft.path.trim(),
        secure: draft.secure,
        key: draft.key.trim(),
      },
      iceServers: rows.map(iceInput),
      viewerUrl: draft.viewerUrl.trim(),
      admitEveryone: draft.admitEveryone,
      maxGuests: numberInput(draft.maxGuests),
      quality: { preset: draft.preset, maxHeight: numberInput(draft.maxHeight) },
      rejoinGraceSeconds: numberInput(draft.rejoinGraceSeconds),
    },
  };
}

/** Maps `parseSettings` issue paths (`signalling.port`, `iceServers.0.urls.1`) to form fields. */
export function issuesByField(
  issues: { field: string; message: string }[],
  rows: IceDraft[],
): FieldIssues {
  const byField: FieldIssues = {};
  for (const { field, message } of issues) {
    // Messages are keys (see settings.ts); an unknown one (valibot's own) is shown as it is.
    const [name, text] = fieldOf(field, t(message as MessageKey), rows);
    byField[name] ??= text;
  }
  return byField;
}

function fieldOf(path: string, message: string, rows: IceDraft[]): [string, string] {
  const ice = /^iceServers\.(\d+)\.(urls|username|credential)(?:\.(\d+))?$/.exec(path);
  if (ice) {
    const row = rows[Number(ice[1])];
    const part = ice[2] as 'urls' | 'username' | 'credential';
    const item = ice[3] === undefined ? '' : t('settingsIceUrlItem', Number(ice[3]) + 1);
    if (row) return [iceField(row, part), item + message];
  }
  if (/^iceServers(\.\d+)?$/.test(path)) return ['iceServers', message];
  if (
    /^(signalling\.(host|port|path|secure|key)|viewerUrl|admitEveryone|maxGuests|rejoinGraceSeconds|quality\.(preset|maxHeight))$/.test(
      path,
    )
  )
    return [path, message];
  return ['', message];
}
