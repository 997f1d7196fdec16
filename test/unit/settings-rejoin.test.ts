import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MAX_REJOIN_GRACE_SECONDS,
  parseSettings,
  settingsOrDefault,
} from '../../src/shared/settings.js';

const withGrace = (rejoinGraceSeconds: unknown) => ({ ...DEFAULT_SETTINGS, rejoinGraceSeconds });
const range = 'settingsRejoinRange';

describe('the rejoin grace period setting', () => {
  it('is 60 s by default, an hour at most', () => {
    expect(DEFAULT_SETTINGS.rejoinGraceSeconds).toBe(60);
    expect(MAX_REJOIN_GRACE_SECONDS).toBe(3600);
  });

  it.each([0, 1, 60, 3600])('accepts %i', (seconds) => {
    expect(parseSettings(withGrace(seconds))).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, rejoinGraceSeconds: seconds },
    });
  });

  it.each([
    [-1, range],
    [3601, range],
    [1.5, 'settingsRejoinWhole'],
    ['60', 'settingsRejoinNumber'],
    [Number.NaN, 'settingsRejoinNumber'],
  ])('refuses %s at its field', (value, message) => {
    expect(parseSettings(withGrace(value))).toEqual({
      ok: false,
      issues: [{ field: 'rejoinGraceSeconds', message }],
    });
  });

  it('is filled in from the defaults for settings stored before it existed', () => {
    const { rejoinGraceSeconds: _, ...older } = DEFAULT_SETTINGS;
    expect(settingsOrDefault({ ...older, maxGuests: 3 }).rejoinGraceSeconds).toBe(60);
  });
});
