import { t, tn } from '../extension-i18n.js';
import { type AppError, errorText } from '../shared/errors.js';
import { maskLink } from '../shared/link.js';
import { type SessionState, watchingCount } from '../shared/session.js';
import { type ControlActions, ControlBar } from './control-bar.js';
import { h } from './dom.js';
import { makeDraggable } from './drag.js';
import { type Decide, GuestList } from './guest-list.js';
import { PointerOverlay } from './pointer-overlay.js';
import { PANEL_CSS } from './styles.js';

export interface PanelActions extends ControlActions {
  allowPointers(on: boolean): void;
  share(): void;
  stop(): void;
  newLink(): void;
  decideGuest: Decide;
  /** Puts the link in the call's chat box and says what happened; absent where there is no chat. */
  postLink?: (link: string) => string;
}

export type Placement = 'toolbar' | 'floating';

/**
 * The injected UI: the Share desktop button, and while sharing a panel with the viewer link.
 * It renders from the session state alone, so any number of call tabs stay consistent.
 */
export class SharePanel {
  readonly host = document.createElement('deskbridge-share');
  private readonly shadow = this.host.attachShadow({ mode: 'open' });
  private readonly shareLabel = h('span', {}, t('shareDesktop'));
  private readonly shareButton = h('button', { class: 'share', type: 'button' }, this.shareLabel);
  private readonly grip = h(
    'span',
    { class: 'grip', 'aria-hidden': 'true', title: t('dragToMove') },
    '⠿',
  );
  private readonly status = h('div', { class: 'status', role: 'status' });
  private readonly error = h('div', { class: 'error', role: 'alert' });
  private readonly linkInput = h('input', {
    type: 'text',
    readonly: true,
    'aria-label': t('viewerLink'),
    spellcheck: 'false',
  });
  private readonly mask = h('div', { class: 'mask', 'aria-hidden': 'true' });
  private readonly linkBox = h('div', { class: 'linkbox' }, this.linkInput, this.mask);
  private readonly showButton = h(
    'button',
    { type: 'button', class: 'quiet', 'aria-pressed': 'false' },
    t('show'),
  );
  private readonly copyButton = h('button', { type: 'button', class: 'primary' }, t('copyLink'));
  private readonly postButton = h(
    'button',
    { type: 'button', class: 'quiet' },
    t('postLinkToChat'),
  );
  private readonly stopButton = h('button', { type: 'button', class: 'danger' }, t('stopSharing'));
  private readonly newLinkButton = h('button', { type: 'button', class: 'quiet' }, t('newLink'));
  private readonly pointersButton = h(
    'button',
    { type: 'button', class: 'quiet', 'aria-pressed': 'false' },
    t('letGuestsPoint'),
  );
  readonly pointers = new PointerOverlay();
  private readonly warning = h('div', { class: 'warning' });
  private readonly announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  private readonly guestList: GuestList;
  private readonly controlBar: ControlBar;
  private readonly announced = new Set<string>();
  private askedForControl = new Set<string>();
  private readonly panel = h(
    'div',
    { class: 'panel', role: 'region', 'aria-label': t('panelRegion'), hidden: true },
    h('div', { class: 'title' }, 'Deskbridge'),
    this.status,
    this.linkBox,
    h(
      'div',
      { class: 'row' },
      this.copyButton,
      this.postButton,
      this.showButton,
      this.newLinkButton,
      this.stopButton,
    ),
    this.warning,
    this.error,
    this.announcer,
  );
  private state: SessionState = { kind: 'idle' };
  private dismissedError: AppError | undefined;
  private readonly canPost: boolean;

  constructor(actions: PanelActions, signal: AbortSignal) {
    this.guestList = new GuestList(actions.decideGuest);
    this.warning.before(this.guestList.element);
    this.controlBar = new ControlBar(actions, signal);
    this.status.after(this.controlBar.prompt);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS);
    // Constructed sheets, unlike <style>, are not blocked by a call site's strict CSP.
    this.shadow.adoptedStyleSheets = [sheet];
    this.shadow.append(this.shareButton, this.panel, this.controlBar.banner, this.pointers.element);
    this.warning.before(this.pointersButton);
    const on = (element: HTMLElement, handler: () => void) =>
      element.addEventListener('click', (event) => event.isTrusted && handler(), { signal });
    on(this.shareButton, () => (this.state.kind === 'idle' ? actions.share() : this.togglePanel()));
    on(this.stopButton, () => actions.stop());
    on(this.newLinkButton, () => actions.newLink());
    on(this.pointersButton, () =>
      actions.allowPointers(this.state.kind === 'live' && !this.state.pointersAllowed),
    );
    on(this.copyButton, () => void this.copy());
    on(this.showButton, () => this.toggleReveal());
    const { postLink } = actions;
    this.canPost = postLink !== undefined;
    if (postLink) {
      on(this.postButton, () => {
        this.status.textContent = postLink(this.linkInput.value);
      });
    }
    makeDraggable(this.host, this.grip, signal);
  }

  place(placement: Placement): void {
    this.host.dataset.placement = placement;
    if (placement === 'floating') this.shareButton.prepend(this.grip);
    else this.grip.remove();
  }

  showError(message: string): void {
    this.error.textContent = message;
    this.panel.hidden = false;
  }

  render(state: SessionState): void {
    this.state = state;
    this.controlBar.render(state);
    const pointing = state.kind === 'live' && state.pointersAllowed;
    this.pointersButton.hidden = state.kind !== 'live';
    this.pointersButton.setAttribute('aria-pressed', String(pointing));
    if (!pointing) this.pointers.clear();
    this.guardWhileControlled(state);
    const { shareButton, panel } = this;
    shareButton.disabled = state.kind === 'starting';
    shareButton.toggleAttribute('data-live', state.kind === 'live');
    this.shareLabel.textContent = state.kind === 'live' ? t('sharingButton') : t('shareDesktop');
    if (state.kind !== 'live') {
      this.guestList.render([]);
      this.warning.textContent = '';
    }
    if (state.kind === 'idle') {
      this.setLink('');
      this.status.textContent = '';
      const { lastError } = state;
      const fresh = lastError && lastError !== this.dismissedError;
      this.error.textContent = fresh ? errorText(lastError, t) : '';
      panel.hidden = !fresh;
      this.dismissedError = lastError;
      return;
    }
    this.error.textContent = '';
    if (state.kind === 'starting') {
      this.status.textContent = `${t('pickerOpen')} ${t('soundHint')}`;
      this.setLink('');
      panel.hidden = false;
      return;
    }
    const watching = watchingCount(state);
    this.status.textContent =
      watching === 0 ? t('livePasteHint') : tn('sharingWithGuests', watching);
    this.setLink(state.link);
    this.guestList.render(state.guests);
    this.announce(state);
    const failed = state.rejectedAttempts;
    this.warning.textContent = failed === 0 ? '' : tn('wrongKeyAttempts', failed);
    this.warning.setAttribute('role', failed >= 3 ? 'alert' : 'note');
    panel.hidden = false;
  }

  /**
   * While a guest controls a tab, their clicks are trusted too: the buttons that would widen
   * their reach (admit, new link, show the key, allow control) wait in the popup until control
   * is back. Take back control and Stop sharing stay, since they only narrow it.
   */
  private guardWhileControlled(state: SessionState): void {
    const controlled = state.kind === 'live' && state.control.holder?.scope === 'tab';
    this.panel.toggleAttribute('data-controlled', controlled);
    for (const button of [this.newLinkButton, this.showButton, this.copyButton, this.postButton])
      button.disabled = controlled;
    this.guestList.element.inert = controlled;
    this.controlBar.prompt.inert = controlled;
  }

  /**
   * Screen readers hear each guest who asks to join, once, and each request for control while
   * it is new (asking again after an answer is news again).
   */
  private announce(state: Extract<SessionState, { kind: 'live' }>): void {
    const joining = state.guests.filter(
      (g) => g.status === 'waiting' && !this.announced.has(g.peerId),
    );
    for (const guest of joining) this.announced.add(guest.peerId);
    const asking = state.control.requests.filter((r) => !this.askedForControl.has(r.peerId));
    this.askedForControl = new Set(state.control.requests.map((r) => r.peerId));
    const said = [
      ...joining.map((g) => t('asksToJoin', g.name)),
      ...asking.map((r) => t('asksForControl', r.name)),
    ];
    if (said.length > 0) this.announcer.textContent = `${said.join('. ')}.`;
  }

  private setLink(link: string): void {
    if (this.linkInput.value !== link) {
      this.linkInput.value = link;
      this.mask.textContent = maskLink(link);
      // A new link starts hidden again.
      if (this.linkInput.hasAttribute('data-revealed')) this.toggleReveal();
    }
    this.linkBox.hidden = link === '';
    this.copyButton.hidden = this.showButton.hidden = this.stopButton.hidden = link === '';
    this.postButton.hidden = link === '' || !this.canPost;
    this.newLinkButton.hidden = link === '' || this.state.kind !== 'live';
    if (this.state.kind === 'starting') this.stopButton.hidden = false;
  }

  private toggleReveal(): void {
    const reveal = !this.linkInput.hasAttribute('data-revealed');
    this.linkInput.toggleAttribute('data-revealed', reveal);
    this.mask.hidden = reveal;
    this.showButton.setAttribute('aria-pressed', String(reveal));
    this.showButton.textContent = reveal ? t('hide') : t('show');
  }

  private togglePanel(): void {
    this.panel.hidden = !this.panel.hidden;
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.linkInput.value);
      this.status.textContent = t('linkCopied');
    } catch {
      this.linkInput.select();
      this.status.textContent = t('pressCtrlC');
    }
  }
}
