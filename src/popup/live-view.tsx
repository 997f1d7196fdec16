import type { SessionState } from '../shared/session.js';
import { GuestList } from './guest-list.js';
import { LinkField } from './link-field.js';
import { surfaceText, TEXT, watchingCount } from './texts.js';

type Live = Extract<SessionState, { kind: 'live' }>;

interface Props {
  state: Live;
  onStop(): void;
}

export function LiveView({ state, onStop }: Props) {
  return (
    <>
      <p class="hint">
        {surfaceText(state.surface)} {watchingCount(state) === 0 && TEXT.liveHint}
      </p>
      <LinkField key={state.link} link={state.link}>
        <button type="button" class="danger" onClick={onStop}>
          {TEXT.stop}
        </button>
      </LinkField>
      <GuestList guests={state.guests} rejectedAttempts={state.rejectedAttempts} />
    </>
  );
}
