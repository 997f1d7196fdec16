import { describe, expect, it } from 'vitest';
import deMessages from '../../_locales/de/messages.json';
import {
  appError,
  assertNever,
  ERROR_MESSAGES,
  type ErrorCode,
  errorText,
  fail,
  ok,
} from '../../src/shared/errors.js';
import { createTranslator, tableLookup } from '../../src/shared/i18n.js';
import { english } from './english.js';

const codes = Object.keys(ERROR_MESSAGES) as ErrorCode[];

describe('appError', () => {
  it.each(codes)('gives %s its own message', (code) => {
    expect(appError(code)).toEqual({ code, message: ERROR_MESSAGES[code] });
  });

  it('appends the detail in parentheses', () => {
    expect(appError('capture-failed', 'NotReadableError')).toEqual({
      code: 'capture-failed',
      message: 'The browser could not capture the screen. (NotReadableError)',
      detail: 'NotReadableError',
    });
  });

  it('explains that remote control is unavailable, with the reason the offer gave', () => {
    expect(appError('control-unavailable', 'no desktop helper')).toEqual({
      code: 'control-unavailable',
      message: 'Remote control is not available for this share. (no desktop helper)',
      detail: 'no desktop helper',
    });
  });

  it('is said in the reader’s language from its code, the detail kept as the browser said it', () => {
    expect(errorText(appError('capture-failed', 'NotReadableError'), english.t)).toBe(
      'The browser could not capture the screen. (NotReadableError)',
    );
    expect(errorText(appError('not-sharing'), english.t)).toBe('Nothing is being shared.');
    const german = createTranslator(tableLookup(deMessages, deMessages), 'de');
    expect(errorText(appError('capture-failed', 'X'), german.t)).toBe(
      'Der Browser konnte den Bildschirm nicht aufnehmen. (X)',
    );
  });

  it('shows the stored English message for a code this version does not know', () => {
    const stored = { code: 'from-the-future', message: 'Old words.' } as never;
    expect(errorText(stored, english.t)).toBe('Old words.');
  });

  it('leaves the message alone when the detail is empty', () => {
    expect(appError('not-sharing', '').message).toBe(ERROR_MESSAGES['not-sharing']);
  });

  it('has a message a person can read for every code', () => {
    for (const code of codes) expect(ERROR_MESSAGES[code]).toMatch(/^[A-Z].*\.\)?$/);
  });
});

describe('results', () => {
  it('wraps a value in ok and an error in fail', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail(appError('not-sharing'))).toEqual({
      ok: false,
      error: { code: 'not-sharing', message: ERROR_MESSAGES['not-sharing'] },
    });
  });

  it('assertNever throws with the unexpected value', () => {
    expect(() => assertNever({ type: 'surprise' } as never)).toThrow('{"type":"surprise"}');
  });
});
