import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../extension-i18n.js';
import { requestSection } from '../options/open-section.js';
import type { ControlState } from '../shared/control.js';
import { fillMarked, mark } from '../shared/i18n.js';
import type { SessionState } from '../shared/session.js';
import {
  CONTROL_TEXT,
  controlAskKey,
  controllingKey,
  controlName,
  controlRequestAnnouncement,
  moreWaitingText,
} from './texts.js';
import type { Actions } from './use-actions.js';

type Live = Extract<SessionState, { kind: 'live' }>;

interface Props {
  state: Live;
  actions: Actions;
}

const ANNOUNCEMENT_MS = 10_000;
const COMMAND = 'take-back-control';

/**
 * Remote control in the popup, in the in-page control bar's words: while a guest holds control,
 * a banner with "Take back control"; the first request as a prompt with "Allow control" and
 * "Deny control". Names come from guests: text nodes only, inside <bdi>.
 */
export function ControlPanel({ state, actions }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const { control } = state;
  const announcement = useAnnouncements(control);
  const keepFocus = useKeepFocus(root, [
    control.holder?.peerId,
    control.epoch,
    control.requests[0]?.peerId,
  ]);
  return (
    <div ref={root} class="control" onFocusIn={keepFocus}>
      {control.holder && <HolderBanner holder={control.holder} onTakeBack={actions.takeBack} />}
      {control.requests[0] && (
        <RequestPrompt key={control.requests[0].peerId} state={state} actions={actions} />
      )}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

function HolderBanner({
  holder,
  onTakeBack,
}: {
  holder: NonNullable<ControlState['holder']>;
  onTakeBack(): void;
}) {
  const shortcut = useShortcut();
  return (
    <div class="control-banner">
      <p class="control-holder" tabIndex={-1}>
        <strong>
          {fillMarked(t(controllingKey(holder.scope), mark(0)), [
            <bdi key="name">{controlName(holder.name)}</bdi>,
          ])}
        </strong>
      </p>
      <button type="button" class="danger wide" onClick={onTakeBack}>
        {CONTROL_TEXT.takeBack}
      </button>
      <p class="control-shortcut">
        {fillMarked(
          shortcut === null
            ? t('shortcutUnset', mark(0), mark(1))
            : t('shortcutSet', mark(0), mark(1)),
          [
            <kbd key="keys">{shortcut ?? CONTROL_TEXT.defaultShortcut}</kbd>,
            <a key="page" href={CONTROL_TEXT.shortcutsPage} onClick={openShortcuts}>
              {CONTROL_TEXT.shortcutsPage}
            </a>,
          ],
        )}
      </p>
    </div>
  );
}

function RequestPrompt({ state, actions }: Props) {
  const askId = useId();
  const noteId = useId();
  const { control, controlOffer: offer } = state;
  const request = control.requests[0];
  if (!request) return null;
  const name = controlName(request.name);
  const allowed = offer.kind === 'tab' || offer.kind === 'desktop';
  const busy = actions.decidingControl.has(request.peerId);
  const others = control.requests.length - 1;
  const holder = control.holder;

  return (
    <fieldset class="control-prompt" aria-labelledby={askId}>
      <p id={askId} class="control-ask" tabIndex={-1}>
        {fillMarked(t(controlAskKey(offer), mark(0)), [
          <bdi key="name" class="control-name">
            {name}
          </bdi>,
        ])}
      </p>
      {offer.kind === 'checking' && (
        <p id={noteId} class="hint">
          {CONTROL_TEXT.checking}
        </p>
      )}
      {offer.kind === 'unavailable' && (
        <div id={noteId} class="control-unavailable">
          <p class="warning">{offer.reason}</p>
          <a href={HELPER_PAGE} onClick={openHelperInstructions}>
            {CONTROL_TEXT.installHelper}
          </a>
        </div>
      )}
      {allowed && holder && holder.peerId !== request.peerId && (
        <p class="hint">
          {fillMarked(t('allowingTakesAway', mark(0)), [
            <bdi key="name">{controlName(holder.name)}</bdi>,
          ])}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={!allowed}
          aria-disabled={allowed ? busy : undefined}
          aria-describedby={allowed ? undefined : noteId}
          onClick={() => allowed && actions.decideControl(request.peerId, 'allow')}
        >
          {CONTROL_TEXT.allow}
        </button>
        <button
          type="button"
          class="quiet"
          aria-disabled={busy}
          onClick={() => actions.decideControl(request.peerId, 'deny')}
        >
          {CONTROL_TEXT.deny}
        </button>
      </div>
      {others > 0 && <p class="quiet-text">{moreWaitingText(others)}</p>}
    </fieldset>
  );
}

/** Where "How to install the helper" leads: the options page, scrolled to its section. */
const HELPER_PAGE = 'options.html#desktop-control';

function openHelperInstructions(event: MouseEvent) {
  event.preventDefault();
  // The options page reads this wish (or hears it, when already open) and shows that section.
  requestSection('desktop-control');
  void chrome.runtime.openOptionsPage();
}

function openShortcuts(event: MouseEvent) {
  // A page cannot follow a link to chrome://; the tabs API can, without any permission.
  event.preventDefault();
  chrome.tabs.create({ url: CONTROL_TEXT.shortcutsPage }).catch(() => {});
}

/** The take-back shortcut as the browser has it now; null when the user removed it. */
function useShortcut(): string | null {
  const [shortcut, setShortcut] = useState<string | null>(CONTROL_TEXT.defaultShortcut);
  useEffect(() => {
    let closed = false;
    chrome.commands
      .getAll()
      .then((commands) => {
        const command = commands.find((c) => c.name === COMMAND);
        if (!closed && command) setShortcut(command.shortcut || null);
      })
      .catch(() => {});
    return () => {
      closed = true;
    };
  }, []);
  return shortcut;
}

/**
 * Said once while the popup is open: "Ada asks for control" for each new request, and when
 * control changes hands. What is already on screen when the popup opens is not news.
 */
function useAnnouncements(control: ControlState): string {
  const seen = useRef<Set<string> | null>(null);
  const holder = useRef<ControlState['holder'] | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const requestKey = control.requests.map((r) => r.peerId).join(' ');
  const holderKey = `${control.epoch} ${control.holder?.peerId ?? ''}`;

  useEffect(() => {
    const said: string[] = [];
    if (seen.current === null) {
      seen.current = new Set(control.requests.map((r) => r.peerId));
    } else {
      const known = seen.current;
      for (const request of control.requests) {
        if (known.has(request.peerId)) continue;
        said.push(`${controlRequestAnnouncement(controlName(request.name))}.`);
      }
      // Forget those answered, so that asking again is announced again.
      seen.current = new Set(control.requests.map((r) => r.peerId));
    }
    const before = holder.current;
    const now = control.holder;
    holder.current = now;
    if (before !== undefined && before?.peerId !== now?.peerId) {
      if (before) said.unshift(t('noLongerHasControl', controlName(before.name)));
      if (now) said.push(`${t(controllingKey(now.scope), controlName(now.name))}.`);
    }
    if (said.length === 0) return;
    const text = said.join(' ');
    setAnnouncement((previous) => (previous === text ? `${text}\u00a0` : text));
    // `requestKey` and `holderKey` stand for `control`, a new object with every stored state.
  }, [requestKey, holderKey]);

  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(() => setAnnouncement(''), ANNOUNCEMENT_MS);
    return () => clearTimeout(timer);
  }, [announcement]);
  return announcement;
}

/**
 * Allow, Deny and Take back make the button pressed go away. Put the keyboard on the sentence
 * that replaced it (the banner, or the next request), never on the next request's button, so a
 * second Enter cannot answer a guest the sharer has not read yet.
 */
function useKeepFocus(
  root: { current: HTMLElement | null },
  deps: unknown[],
): (event: FocusEvent) => void {
  const last = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const element = last.current;
    const container = root.current;
    if (!element || element.isConnected || !container) return;
    const active = document.activeElement;
    last.current = null;
    if (active !== null && active !== document.body) return;
    const main = container.closest('main');
    const target =
      container.querySelector<HTMLElement>('.control-ask') ??
      container.querySelector<HTMLElement>('.control-holder') ??
      main?.querySelector<HTMLElement>('button.primary') ??
      main?.querySelector<HTMLElement>('button');
    target?.focus();
  }, deps);
  return (event) => {
    last.current = event.target as HTMLElement;
  };
}
