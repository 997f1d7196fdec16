import type { ControlView } from './control-machine.js';
import { t } from './i18n.js';
import { controlText } from './texts.js';

interface Props {
  control: ControlView;
  onRequest: () => void;
  onRelease: () => void;
}

/**
 * Request control, Cancel request, Release control: one button whose name follows the state,
 * so the keyboard focus stays on it; and the line that says how a request is going.
 */
export function ControlBar({ control, onRequest, onRelease }: Props) {
  const [label, action] =
    control.kind === 'none'
      ? [t('vRequestControl'), onRequest]
      : control.kind === 'requested'
        ? [t('vCancelRequest'), onRelease]
        : [t('vReleaseControl'), onRelease];
  return (
    <div class="control">
      <button
        type="button"
        class={control.kind === 'granted' ? 'control-button primary' : 'control-button'}
        onClick={action}
      >
        {label}
      </button>
      {/* Always rendered, so screen readers hear each change. */}
      <p class="control-status" role="status" data-kind={control.kind}>
        {controlText(control)}
      </p>
    </div>
  );
}
