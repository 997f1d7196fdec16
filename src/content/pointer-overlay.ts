import type { BgToCs } from '../shared/protocol.js';
import { h } from './dom.js';

/** How long a pointer stays after its last position, when its guest goes quiet. */
const FADE_MS = 3_000;

/**
 * Guests' laser pointers drawn on the shared tab itself: the sharer sees them here, and the
 * guests see them in the picture. Names are text, positions are fractions of the viewport.
 */
export class PointerOverlay {
  readonly element = h('div', { class: 'pointers', 'aria-hidden': 'true' });
  private readonly dots = new Map<
    string,
    { element: HTMLElement; timer: ReturnType<typeof setTimeout> }
  >();

  show({ id, name, nx, ny }: Extract<BgToCs, { type: 'pointer' }>): void {
    const existing = this.dots.get(id);
    if (existing) clearTimeout(existing.timer);
    if (nx === null || ny === null) {
      existing?.element.remove();
      this.dots.delete(id);
      return;
    }
    const element =
      existing?.element ??
      h('div', { class: 'pointer', 'data-pointer-name': name }, h('span', {}, name));
    element.style.setProperty('left', `${nx * 100}%`);
    element.style.setProperty('top', `${ny * 100}%`);
    if (!existing) this.element.append(element);
    const timer = setTimeout(
      () => this.show({ to: 'cs', type: 'pointer', id, name, nx: null, ny: null }),
      FADE_MS,
    );
    this.dots.set(id, { element, timer });
  }

  clear(): void {
    for (const { element, timer } of this.dots.values()) {
      clearTimeout(timer);
      element.remove();
    }
    this.dots.clear();
  }
}
