import { t } from './i18n.js';

export type ViewMode = 'fit' | 'actual';

interface Props {
  mode: ViewMode;
  onMode: (mode: ViewMode) => void;
  fullscreen: { supported: boolean; active: boolean; toggle: () => void };
}

/** Fit, 1:1 and Full screen. aria-pressed carries the current choice for screen readers. */
export function ViewControls({ mode, onMode, fullscreen }: Props) {
  return (
    <fieldset class="views">
      <legend class="visually-hidden">{t('vView')}</legend>
      <button
        type="button"
        class="toggle"
        aria-pressed={mode === 'fit'}
        onClick={() => onMode('fit')}
      >
        {t('vFit')}
      </button>
      <button
        type="button"
        class="toggle"
        aria-pressed={mode === 'actual'}
        onClick={() => onMode('actual')}
      >
        1:1
      </button>
      {fullscreen.supported && (
        <button
          type="button"
          class="toggle"
          aria-pressed={fullscreen.active}
          onClick={fullscreen.toggle}
        >
          {t('vFullScreen')}
        </button>
      )}
    </fieldset>
  );
}
