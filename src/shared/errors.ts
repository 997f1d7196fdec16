import type { MessageKey, Translator } from './i18n.js';

/**
 * Error codes shared by every part, each with a message a person can act on. These English
 * words go to logs; people read the translation of the code (`errorText`).
 */
export const ERROR_MESSAGES = {
  'capture-cancelled': 'Sharing was cancelled in the picker.',
  'capture-failed': 'The browser could not capture the screen.',
  'capture-timeout': 'The picker was open too long without a choice, so sharing was cancelled.',
  'signalling-unreachable':
    'The signalling server cannot be reached. Check the server address in Deskbridge settings.',
  'signalling-rejected': 'The signalling server refused the connection (check its key and path).',
  'host-failed': 'The sharing engine stopped unexpectedly.',
  'host-unavailable': 'The sharing engine could not be started in this browser.',
  'already-sharing': 'A share is already running. Stop it before starting another.',
  'invalid-settings': 'The settings are not valid.',
  'invalid-message': 'A message was malformed and has been ignored.',
  'not-sharing': 'Nothing is being shared.',
  'control-unavailable': 'Remote control is not available for this share.',
  'extension-unreachable': 'Deskbridge is not responding. Reload the page.',
  'server-unreachable':
    'The Deskbridge server cannot be reached. Check the server address in Deskbridge settings.',
  'server-refused':
    'The Deskbridge server refused this request. Check the access token in Deskbridge settings.',
  'server-invalid': 'The server address does not answer as a Deskbridge server.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface AppError {
  code: ErrorCode;
  message: string;
  /** What the browser or a server said, kept apart so the sentence can be translated. */
  detail?: string;
}

export function appError(code: ErrorCode, detail?: string): AppError {
  const base = ERROR_MESSAGES[code];
  return detail ? { code, message: `${base} (${detail})`, detail } : { code, message: base };
}

const ERROR_KEYS: Record<ErrorCode, MessageKey> = {
  'capture-cancelled': 'errorCaptureCancelled',
  'capture-failed': 'errorCaptureFailed',
  'capture-timeout': 'errorCaptureTimeout',
  'signalling-unreachable': 'errorSignallingUnreachable',
  'signalling-rejected': 'errorSignallingRejected',
  'host-failed': 'errorHostFailed',
  'host-unavailable': 'errorHostUnavailable',
  'already-sharing': 'errorAlreadySharing',
  'invalid-settings': 'errorInvalidSettings',
  'invalid-message': 'errorInvalidMessage',
  'not-sharing': 'errorNotSharing',
  'control-unavailable': 'errorControlUnavailable',
  'extension-unreachable': 'errorExtensionUnreachable',
  'server-unreachable': 'errorServerUnreachable',
  'server-refused': 'errorServerRefused',
  'server-invalid': 'errorServerInvalid',
};

/** The error in the reader's language, with the browser's own words (untranslated) after it. */
export function errorText(error: AppError, t: Translator['t']): string {
  const key = ERROR_KEYS[error.code] as MessageKey | undefined;
  // An error stored by an older version may carry a code this one does not know.
  if (!key) return error.message;
  return error.detail ? `${t(key)} (${error.detail})` : t(key);
}

/** Replies across extension messaging. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
