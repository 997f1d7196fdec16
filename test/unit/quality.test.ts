import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  captureBounds,
  DEFAULT_QUALITY,
  FIRST_FRAME_LINES,
  firstFrameScale,
  PRESET_TUNING,
  QUALITY_PRESETS,
  QualitySettingsSchema,
  tunedParameters,
} from '../../src/shared/quality.js';

describe('quality settings', () => {
  it('accepts the defaults and every preset', () => {
    expect(v.safeParse(QualitySettingsSchema, DEFAULT_QUALITY).success).toBe(true);
    for (const preset of QUALITY_PRESETS) {
      expect(v.safeParse(QualitySettingsSchema, { preset, maxHeight: 720 }).success).toBe(true);
    }
  });

  it.each([
    [{ preset: 'ultra', maxHeight: 1080 }, 'settingsPreset'],
    [{ preset: 'balanced', maxHeight: 100 }, 'settingsResolutionRange'],
    [{ preset: 'balanced', maxHeight: 5000 }, 'settingsResolutionRange'],
    [{ preset: 'balanced', maxHeight: 720.5 }, 'settingsResolutionWhole'],
    [{ preset: 'balanced', maxHeight: Number.NaN }, 'settingsResolutionNumber'],
  ])('refuses %j with a message key', (input, message) => {
    const result = v.safeParse(QualitySettingsSchema, input);
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe(message);
  });
});

describe('PRESET_TUNING', () => {
  it('keeps the resolution for text, trades it only for Smooth motion', () => {
    expect(PRESET_TUNING['sharp-text'].degradationPreference).toBe('maintain-resolution');
    expect(PRESET_TUNING.balanced.degradationPreference).toBe('maintain-resolution');
    expect(PRESET_TUNING['smooth-motion'].contentHint).toBe('motion');
  });

  it('shows a soft first frame sooner, but not when the text is the point', () => {
    expect(PRESET_TUNING['sharp-text'].softStart).toBe(false);
    expect(PRESET_TUNING.balanced.softStart).toBe(true);
    expect(PRESET_TUNING['smooth-motion'].softStart).toBe(true);
  });

  it('orders the ceilings: sharper text, fewer frames and bits', () => {
    const [sharp, balanced, smooth] = QUALITY_PRESETS.map((preset) => PRESET_TUNING[preset]);
    expect(sharp?.maxFramerate).toBeLessThan(balanced?.maxFramerate ?? 0);
    expect(sharp?.maxBitrate).toBeLessThan(balanced?.maxBitrate ?? 0);
    expect(balanced?.maxBitrate).toBeLessThan(smooth?.maxBitrate ?? 0);
  });
});

describe('captureBounds', () => {
  it('bounds a 16:9 box of that height', () => {
    expect(captureBounds(1080)).toEqual({ width: 1920, height: 1080 });
    expect(captureBounds(720)).toEqual({ width: 1280, height: 720 });
  });
});

describe('firstFrameScale', () => {
  it.each([
    [1080, 2],
    [2160, 4],
    [1440, 1440 / 540],
    [720, 720 / 540],
  ])('brings a %i-line capture down to %d× smaller, 540 lines', (height, scale) => {
    expect(firstFrameScale(height)).toBeCloseTo(scale);
    expect(height / firstFrameScale(height)).toBeCloseTo(FIRST_FRAME_LINES);
  });

  it.each([[540], [480], [360], [undefined]])(
    'leaves %s lines (or an unknown height) alone',
    (height) => {
      expect(firstFrameScale(height)).toBe(1);
    },
  );
});

describe('tunedParameters', () => {
  it('fills every encoding and keeps the rest of the parameters', () => {
    const parameters = {
      transactionId: 't1',
      encodings: [{ active: true, maxBitrate: 100 }],
      codecs: [],
    };
    expect(tunedParameters(parameters, PRESET_TUNING.balanced)).toEqual({
      transactionId: 't1',
      codecs: [],
      degradationPreference: 'maintain-resolution',
      encodings: [
        { active: true, maxBitrate: 4_000_000, maxFramerate: 30, scaleResolutionDownBy: 1 },
      ],
    });
  });

  it('scales every encoding down by the factor given (a first frame), else not at all', () => {
    const parameters = { encodings: [{ scaleResolutionDownBy: 3 }, {}] };
    const scales = (tuned: { encodings: { scaleResolutionDownBy?: number }[] }) =>
      tuned.encodings.map((encoding) => encoding.scaleResolutionDownBy);
    expect(scales(tunedParameters(parameters, PRESET_TUNING.balanced, 2))).toEqual([2, 2]);
    expect(scales(tunedParameters(parameters, PRESET_TUNING.balanced))).toEqual([1, 1]);
  });

  it('never adds an encoding (the number is fixed by negotiation)', () => {
    const tuned = tunedParameters({ encodings: [] }, PRESET_TUNING['sharp-text']);
    expect(tuned.encodings).toEqual([]);
    expect(tuned.degradationPreference).toBe('maintain-resolution');
  });

  it('does not change its input', () => {
    const parameters = { encodings: [{ maxBitrate: 1 }] };
    tunedParameters(parameters, PRESET_TUNING.balanced);
    expect(parameters).toEqual({ encodings: [{ maxBitrate: 1 }] });
  });
});
