import { t, tn } from '../extension-i18n.js';
import { mark } from '../shared/i18n.js';
import type { ControlOffer, SessionState } from '../shared/session.js';
import { h, rich } from './dom.js';

export interface ControlActions {
  decide(peerId: string, decision: 'allow' | 'deny'): void;
  takeBack(): void;
}

/** "NAME asks to control …", with the name's place marked for its <bdi>. */
function askText(offer: ControlOffer): string {
  switch (offer.kind) {
    case 'tab':
      return t('asksToControlTab', mark(0));
    case 'desktop':
      return t('asksToControlDesktop', mark(0));
    case 'checking':
      return t('asksToControlChecking', mark(0));
    case 'unavailable':
      return t('asksToControlScreen', mark(0));
  }
}

/**
 * The control prompt ("NAME asks to control …", Allow control / Deny control) and, while a grant
 * lasts, a banner at the top of the page: "NAME is controlling", with Take back control.
 */
export class ControlBar {
  readonly prompt = h('div', {
    class: 'control-prompt',
    role: 'group',
    'aria-label': t('controlRequest'),
  });
  readonly banner = h('div', { class: 'control-banner', role: 'status', hidden: true });
  private key = '';

  constructor(
    private readonly actions: ControlActions,
    private readonly signal: AbortSignal,
  ) {}

  private button(label: string, className: string, onClick: () => void): HTMLButtonElement {
    const element = h('button', { type: 'button', class: className }, label);
    element.addEventListener('click', (event) => event.isTrusted && onClick(), {
      signal: this.signal,
    });
    return element;
  }

  render(state: SessionState): void {
    const live = state.kind === 'live' ? state : null;
    const request = live?.control.requests[0];
    const holder = live?.control.holder;
    const offer = live?.controlOffer ?? { kind: 'checking' as const };
    const key = JSON.stringify([
      request?.peerId,
      holder?.peerId,
      holder?.scope,
      offer,
      live?.control.requests.length,
    ]);
    if (key === this.key) return;
    this.key = key;

    this.banner.hidden = !holder;
    this.banner.replaceChildren(
      ...(holder
        ? [
            h(
              'span',
              {},
              ...rich(
                t(holder.scope === 'tab' ? 'isControllingTab' : 'isControllingDesktop', mark(0)),
                h('bdi', {}, holder.name),
              ),
              ' ',
            ),
            this.button(t('takeBackControl'), 'danger', () => this.actions.takeBack()),
            h('span', { class: 'meta' }, ` (${t('takeBackShortcut')})`),
          ]
        : []),
    );

    if (!request) {
      this.prompt.replaceChildren();
      this.prompt.hidden = true;
      return;
    }
    const allowed = offer.kind === 'tab' || offer.kind === 'desktop';
    const allow = this.button(t('allowControl'), 'primary', () =>
      this.actions.decide(request.peerId, 'allow'),
    );
    allow.disabled = !allowed;
    const others = (live?.control.requests.length ?? 1) - 1;
    this.prompt.hidden = false;
    this.prompt.replaceChildren(
      h('div', {}, ...rich(askText(offer), h('bdi', { class: 'name' }, request.name))),
      ...(offer.kind === 'unavailable'
        ? [
            h('div', { class: 'warning' }, offer.reason, ' '),
            h(
              'a',
              { href: chrome.runtime.getURL('options.html#desktop-control'), target: '_blank' },
              t('howToInstallHelper'),
            ),
          ]
        : []),
      h(
        'div',
        { class: 'row' },
        allow,
        this.button(t('denyControl'), 'quiet', () => this.actions.decide(request.peerId, 'deny')),
      ),
      ...(others > 0 ? [h('div', { class: 'meta' }, tn('moreWaitingToAsk', others))] : []),
    );
  }
}
