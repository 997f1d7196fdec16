import type { ControlOffer, SessionState } from '../shared/session.js';
import { h } from './dom.js';

export interface ControlActions {
  decide(peerId: string, decision: 'allow' | 'deny'): void;
  takeBack(): void;
}

function whatIsGranted(offer: ControlOffer): string {
  switch (offer.kind) {
    case 'tab':
      return 'this tab';
    case 'desktop':
      return 'your whole desktop (mouse and keyboard)';
    case 'checking':
      return 'your screen (checking what is possible…)';
    case 'unavailable':
      return 'your screen';
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
    'aria-label': 'Control request',
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
            h('span', {}, h('bdi', {}, holder.name), ' is controlling'),
            h('span', { class: 'meta' }, holder.scope === 'tab' ? ' this tab' : ' your desktop'),
            this.button('Take back control', 'danger', () => this.actions.takeBack()),
            h('span', { class: 'meta' }, ' (Alt+Shift+X)'),
          ]
        : []),
    );

    if (!request) {
      this.prompt.replaceChildren();
      this.prompt.hidden = true;
      return;
    }
    const allowed = offer.kind === 'tab' || offer.kind === 'desktop';
    const allow = this.button('Allow control', 'primary', () =>
      this.actions.decide(request.peerId, 'allow'),
    );
    allow.disabled = !allowed;
    const others = (live?.control.requests.length ?? 1) - 1;
    this.prompt.hidden = false;
    this.prompt.replaceChildren(
      h(
        'div',
        {},
        h('bdi', { class: 'name' }, request.name),
        ` asks to control ${whatIsGranted(offer)}`,
      ),
      ...(offer.kind === 'unavailable'
        ? [
            h('div', { class: 'warning' }, offer.reason, ' '),
            h(
              'a',
              { href: chrome.runtime.getURL('options.html#desktop-control'), target: '_blank' },
              'How to install the helper',
            ),
          ]
        : []),
      h(
        'div',
        { class: 'row' },
        allow,
        this.button('Deny control', 'quiet', () => this.actions.decide(request.peerId, 'deny')),
      ),
      ...(others > 0 ? [h('div', { class: 'meta' }, `${others} more waiting to ask`)] : []),
    );
  }
}
