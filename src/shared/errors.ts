/** Error codes shared by every part, each with a message a person can act on. */
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
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface AppError {
  code: ErrorCode;
  message: string;
}

export function appError(code: ErrorCode, detail?: string): AppError {
  const base = ERROR_MESSAGES[code];
  return { code, message: detail ? `${base} (${detail})` : base };
}

/** Replies across extension messaging. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
