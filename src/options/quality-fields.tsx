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

/** The preset (a select: one Tab stop, its options named exactly) and the maximum resolution. */
export function QualityFields({ draft, issues, onChange }: Props) {
  const id = fieldId('quality.preset');
  const error = issues['quality.preset'];
  const described = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <fieldset class="group">
      <legend>{QUALITY_TEXT.legend}</legend>
      <div class="field">
        <label for={id}>{QUALITY_TEXT.preset}</label>
        <select
          id={id}
          name="quality.preset"
          value={draft.preset}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
          onChange={(event) =>
            onChange({ preset: event.currentTarget.value as QualityPreset }, 'quality.preset')
          }
        >
          {QUALITY_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {QUALITY_TEXT.presets[preset].label}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} class="hint">
          {QUALITY_TEXT.presets[draft.preset].hint}
        </p>
        {error && (
          <p id={`${id}-error`} class="field-error">
            {error}
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
