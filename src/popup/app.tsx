import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../extension-i18n.js';
import { errorText } from '../shared/errors.js';
import type { SessionState } from '../shared/session.js';
import { LiveView } from './live-view.js';
import { SiteStatusLine } from './site-status.js';
import { endText, statusText, TEXT } from './texts.js';
import { useActions } from './use-actions.js';
import { useSession } from './use-session.js';

/** The sharer's control panel: one view per session state, the status line always present. */
export function App() {
  const view = useSession();
  const state = view.kind === 'ready' ? view.state : null;
  const actions = useActions(state?.kind);
  const main = useRef<HTMLElement>(null);
  useKeepFocus(main, state?.kind);

  const error =
    actions.error ??
    (view.kind === 'unreachable' ? view.error : state?.kind === 'idle' ? state.lastError : null);

  return (
    <>
      <main ref={main} aria-busy={actions.pending}>
        <h1>Deskbridge</h1>
        <p class="status" role="status">
          {state ? statusText(state) : TEXT.loading}
        </p>
        {error && (
          <p class="error" role="alert">
            {errorText(error, t)}
          </p>
        )}
        {view.kind !== 'loading' && <Body state={state} actions={actions} />}
        <SiteStatusLine />
      </main>
      <footer>
        <a href="options.html" onClick={openSettings}>
          {TEXT.settings}
        </a>
      </footer>
    </>
  );
}

function Body({
  state,
  actions,
}: {
  state: SessionState | null;
  actions: ReturnType<typeof useActions>;
}) {
  // Unreachable counts as idle: "Share desktop" is also the way to try again.
  if (!state || state.kind === 'idle') {
    const ended = state?.kind === 'idle' && !state.lastError ? endText(state.lastEnd) : null;
    return (
      <>
        {ended && <p class="hint">{ended}</p>}
        <button
          type="button"
          class="primary wide"
          aria-disabled={actions.pending}
          onClick={actions.share}
        >
          {TEXT.share}
        </button>
        <p class="hint">{TEXT.soundHint}</p>
      </>
    );
  }
  if (state.kind === 'starting') {
    return (
      <>
        <p class="hint">{TEXT.soundHint}</p>
        <button type="button" class="danger wide" onClick={actions.stop}>
          {TEXT.stop}
        </button>
      </>
    );
  }
  return <LiveView state={state} actions={actions} />;
}

function openSettings(event: MouseEvent) {
  // The options page opens in its own tab (manifest `open_in_tab`), not inside the popup.
  event.preventDefault();
  void chrome.runtime.openOptionsPage();
}

/** When the focused button vanishes with a state change, focus the new view's main button. */
function useKeepFocus(main: { current: HTMLElement | null }, kind: string | undefined) {
  const previous = useRef(kind);
  useLayoutEffect(() => {
    const changed = previous.current !== undefined && previous.current !== kind;
    previous.current = kind;
    const lost = document.activeElement === null || document.activeElement === document.body;
    const root = main.current;
    if (!changed || !lost || !root) return;
    (root.querySelector<HTMLElement>('button.primary') ?? root.querySelector('button'))?.focus();
  }, [kind]);
}
