import { t } from './i18n.js';

interface Props {
  pressed: boolean;
  onToggle: () => void;
}

/** The laser pointer's toggle: while pressed, the mouse over the picture points for everyone. */
export function PointButton({ pressed, onToggle }: Props) {
  return (
    <button
      type="button"
      class={pressed ? 'point-button primary' : 'point-button'}
      aria-pressed={pressed}
      onClick={onToggle}
    >
      {t('vPoint')}
    </button>
  );
}
