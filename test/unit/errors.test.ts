import { describe, expect, it } from 'vitest';
import {
  appError,
  assertNever,
  ERROR_MESSAGES,
  type ErrorCode,
  fail,
  ok,
} from '../../src/shared/errors.js';

const codes = Object.keys(ERROR_MESSAGES) as ErrorCode[];

describe('appError', () => {
  it.each(codes)('gives %s its own message', (code) => {
    expect(appError(code)).toEqual({ code, message: ERROR_MESSAGES[code] });
  });

  it('appends the detail in parentheses', () => {
    expect(appError('capture-failed', 'NotReadableError')).toEqual({
      code: 'capture-failed',
      message: 'The browser could not capture the screen. (NotReadableError)',
    });
  });

  it('explains that remote control is unavailable, with the reason the offer gave', () => {
    expect(appError('control-unavailable', 'no desktop helper')).toEqual({
      code: 'control-unavailable',
      message: 'Remote control is not available for this share. (no desktop helper)',
    });
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
