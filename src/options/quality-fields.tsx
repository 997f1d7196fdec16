import { t } from '../extension-i18n.js';
import {
  MAX_RESOLUTION,
  MIN_RESOLUTION,
  QUALITY_PRESETS,
  type QualityPreset,
} from '../shared/quality.js';
import type { FieldIssues, SettingsDraft } from './draft.js';
import { fieldId, NumberField } from './field.js';

/** Words of the picture-quality settings. */
const QUALITY_TEXT = {
  legend: t('optQuality'),
  preset: t('optQualityPreset'),
  presets: {
    'sharp-text': { label: t('optPresetSharpText'), hint: t('optPresetSharpTextHint') },
    balanced: { label: t('optPresetBalanced'), hint: t('optPresetBalancedHint') },
    'smooth-motion': { label: t('optPresetSmoothMotion'), hint: t('optPresetSmoothMotionHint') },
  } satisfies Record<QualityPreset, { label: string; hint: string }>,
  maxHeight: t('optMaxHeight'),
  maxHeightHint: t('optMaxHeightHint'),
  sound: t('soundHint'),
};

interface Props {
  draft: SettingsDraft;
  issues: FieldIssues;
  onChange(next: Partial<SettingsDraft>, edited: string): void;
}

/** The preset (radio buttons, one named group) and the maximum resolution. */
export function QualityFields({ draft, issues, onChange }: Props) {
  const presetError = issues['quality.preset'];
  const errorId = `${fieldId('quality.preset')}-error`;
  return (
    <fieldset class="group">
      <legend>{QUALITY_TEXT.legend}</legend>
      <div
        role="radiogroup"
        aria-label={QUALITY_TEXT.preset}
        aria-describedby={presetError ? errorId : undefined}
      >
        {QUALITY_PRESETS.map((preset) => {
          const id = fieldId(`quality.preset.${preset}`);
          const { label, hint } = QUALITY_TEXT.presets[preset];
          return (
            <div class="field check" key={preset}>
              <input
                id={id}
                type="radio"
                name="quality.preset"
                value={preset}
                checked={draft.preset === preset}
                aria-describedby={`${id}-hint`}
                onChange={() => onChange({ preset }, 'quality.preset')}
              />
              <label for={id}>{label}</label>
              <p id={`${id}-hint`} class="hint">
                {hint}
              </p>
            </div>
          );
        })}
        {presetError && (
          <p id={errorId} class="field-error">
            {presetError}
          </p>
        )}
      </div>
      <NumberField
        name="quality.maxHeight"
        label={QUALITY_TEXT.maxHeight}
        hint={QUALITY_TEXT.maxHeightHint}
        min={MIN_RESOLUTION}
        max={MAX_RESOLUTION}
        value={draft.maxHeight}
        error={issues['quality.maxHeight']}
        onInput={(maxHeight) => onChange({ maxHeight }, 'quality.maxHeight')}
      />
      <p class="hint">{QUALITY_TEXT.sound}</p>
    </fieldset>
  );
}
