import { locale, t } from '../extension-i18n.js';
import type { MessageKey } from '../shared/i18n.js';
import { statsLine, statsWords } from '../shared/media-stats.js';
import type { GuestDecision, GuestView } from '../shared/session.js';
import { h } from './dom.js';

export type Decide = (peerId: string, decision: GuestDecision) => void;

const button = (label: string, ariaLabel: string, className: string, onClick: () => void) => {
  // The accessible name says whom it acts on ("Admit Ada"); the name is text, never markup.
  const element = h('button', { type: 'button', class: className, 'aria-label': ariaLabel }, label);
  element.addEventListener('click', (event) => event.isTrusted && onClick());
  return element;
};

function quality(rttMs: number | null): string {
  if (rttMs === null) return '—';
  const key: MessageKey = rttMs < 150 ? 'qualityGood' : rttMs < 400 ? 'qualityFair' : 'qualityPoor';
  return t(key);
}

function since(time: number): string {
  return new Date(time).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

function row(guest: GuestView, decide: Decide): HTMLElement {
  const name = h('bdi', { class: 'name' }, guest.name);
  if (guest.status === 'waiting') {
    return h(
      'li',
      { class: 'guest waiting' },
      name,
      h('span', { class: 'meta' }, t('asksToJoinShort')),
      button(t('admit'), t('admitName', guest.name), 'primary', () =>
        decide(guest.peerId, 'admit'),
      ),
      button(t('deny'), t('denyName', guest.name), 'quiet', () => decide(guest.peerId, 'deny')),
    );
  }
  if (guest.status === 'reconnecting') {
    return h(
      'li',
      { class: 'guest reconnecting' },
      name,
      h('span', { class: 'meta' }, t('guestReconnecting')),
    );
  }
  const meta = t('guestMeta', since(guest.since), quality(guest.rttMs));
  return h(
    'li',
    { class: 'guest watching' },
    name,
    h('span', { class: 'meta' }, meta),
    h('span', { class: 'meta stats', 'data-stats': '' }),
    button(t('remove'), t('removeName', guest.name), 'quiet', () => decide(guest.peerId, 'remove')),
  );
}

/**
 * Who waits and who watches. Rows are kept per guest and status, so a button keeps its focus
 * while stats refresh around it.
 */
export class GuestList {
  readonly element = h('ul', { class: 'guests', 'aria-label': t('guests') });
  private readonly rows = new Map<string, { key: string; element: HTMLElement }>();

  constructor(private readonly decide: Decide) {}

  render(guests: GuestView[]): void {
    const shown = guests.filter(
      (g) => g.status === 'waiting' || g.status === 'watching' || g.status === 'reconnecting',
    );
    shown.sort((a, b) => Number(b.status === 'waiting') - Number(a.status === 'waiting'));
    const elements = shown.map((guest) => {
      const key = `${guest.status}|${guest.name}|${quality(guest.rttMs)}`;
      const cached = this.rows.get(guest.peerId);
      const element = cached?.key === key ? cached.element : row(guest, this.decide);
      this.rows.set(guest.peerId, { key, element });
      // The figures change every 2 s: updated in place, so the row (and its focus) stays.
      const stats = element.querySelector('[data-stats]');
      const line = guest.media ? statsLine(guest.media, statsWords(t)) : '';
      if (stats && stats.textContent !== line) stats.textContent = line;
      return element;
    });
    const keep = new Set(shown.map((g) => g.peerId));
    for (const peerId of this.rows.keys()) if (!keep.has(peerId)) this.rows.delete(peerId);
    const same =
      elements.length === this.element.children.length &&
      elements.every((element, i) => this.element.children[i] === element);
    if (!same) this.element.replaceChildren(...elements);
    this.element.hidden = elements.length === 0;
  }
}
