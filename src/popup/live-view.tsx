import { useState } from 'preact/hooks';
import type { SessionState } from '../shared/session.js';
import { AuditLog } from './audit-log.js';
import { ControlPanel } from './control-panel.js';
import { GuestList } from './guest-list.js';
import { LinkField } from './link-field.js';
import { surfaceText, TEXT, watchingCount } from './texts.js';
import type { Actions } from './use-actions.js';

type Live = Extract<SessionState, { kind: 'live' }>;

interface Props {
  state: Live;
  actions: Actions;
}

export function LiveView({ state, actions }: Props) {
  // The note waits for the new link to reach the field, so it never stands beside the old one.
  const [madeLink, setMadeLink] = useState<string | null>(null);

  const newLink = async () => {
    if (actions.pending) return;
    setMadeLink(null); // so that a second new link is announced again
    setMadeLink(await actions.newLink());
  };

  return (
    <>
      {/* First: who controls the machine, or asks to, matters more than anything below. */}
      <ControlPanel state={state} actions={actions} />
      <p class="hint">
        {surfaceText(state.surface)} {watchingCount(state) === 0 && TEXT.liveHint}
      </p>
      <LinkField link={state.link} notice={madeLink === state.link ? TEXT.newLinkMade : ''}>
        <button type="button" class="quiet" aria-disabled={actions.pending} onClick={newLink}>
          {TEXT.newLink}
        </button>
        <button type="button" class="danger" onClick={actions.stop}>
          {TEXT.stop}
        </button>
      </LinkField>
      <GuestList
        guests={state.guests}
        rejectedAttempts={state.rejectedAttempts}
        deciding={actions.deciding}
        onDecide={actions.decide}
      />
      <AuditLog state={state} />
    </>
  );
}
