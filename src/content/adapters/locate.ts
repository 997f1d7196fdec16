import type { SiteStatus } from '../../shared/site-status.js';
import { type Page, type Reading, read } from './evidence.js';
import type { SiteAdapter } from './types.js';

/** Where the control goes now. */
export type Spot =
  | { kind: 'none' }
  | { kind: 'floating' }
  | { kind: 'toolbar'; toolbar: HTMLElement; before: Element | null; theme: 'dark' | 'light' };

/** The slice of `Document` the adapters need, so unit tests can hand in a fake. */
export interface Root {
  querySelectorAll(selectors: string): ArrayLike<Element>;
}

const refused = new Set<string>();

/** The real page, as `evidence.ts` reads it. */
export function pageOf(root: Root): Page {
  return {
    all(selector) {
      try {
        return Array.from(root.querySelectorAll(selector));
      } catch (error) {
        // One selector the browser refuses (a newer syntax, a typo) must not blind the rest.
        if ((error as { name?: unknown }).name !== 'SyntaxError') throw error;
        if (!refused.has(selector)) console.warn('Deskbridge: selector refused', selector, error);
        refused.add(selector);
        return [];
      }
    },
    text: (node) => (node as Element).textContent ?? '',
    red(node) {
      const element = node as Element;
      return [element, ...Array.from(element.children).slice(0, 3)].some((e) => {
        const [r = 0, g = 0, b = 0, a = 1] = rgba(getComputedStyle(e).backgroundColor);
        return a > 0.5 && r > 150 && r > 2 * g && r > 2 * b;
      });
    },
    shape(node) {
      const box = (node as Element).getBoundingClientRect();
      const height = innerHeight || 1;
      if (box.height > height * 0.35 || box.width < box.height) return 'block';
      return box.top >= height * 0.5 ? 'low-bar' : 'bar';
    },
  };
}

function rgba(colour: string): number[] {
  return colour.match(/[\d.]+/g)?.map(Number) ?? [];
}

/** Reads an adapter against the page. Throws whatever the page throws. */
export function locate(adapter: SiteAdapter, root: Root): { spot: Spot; reading: Reading } {
  const reading = read(adapter, pageOf(root));
  if (reading.phase !== 'call') return { spot: { kind: 'none' }, reading };
  const toolbar = reading.toolbar?.node;
  if (!(toolbar instanceof HTMLElement)) return { spot: { kind: 'floating' }, reading };
  return {
    spot: {
      kind: 'toolbar',
      toolbar,
      before: reading.before as Element | null,
      theme: themeOf(adapter, toolbar),
    },
    reading,
  };
}

const FAILED: Reading = { phase: 'call', leave: null, toolbar: null, before: null };

/** One adapter's mistake must not break the page: the control floats instead. */
export function locateSafely(
  adapter: SiteAdapter,
  root: Root,
  warn: (message: string, error: unknown) => void,
): { spot: Spot; reading: Reading } {
  try {
    return locate(adapter, root);
  } catch (error) {
    warn(`Deskbridge: the ${adapter.name} adapter failed; the control floats instead`, error);
    return { spot: { kind: 'floating' }, reading: FAILED };
  }
}

/** What the popup shows about this page: which site, where the control is, what was missing. */
export function statusOf(adapter: SiteAdapter, spot: Spot, reading: Reading): SiteStatus {
  const found = {
    call: reading.phase === 'call',
    leave: reading.leave !== null,
    toolbar: spot.kind === 'toolbar',
  };
  return {
    site: adapter.name,
    placement: spot.kind,
    // Only the generic adapter floats by design; any other that floats has fallen back.
    fallback: spot.kind === 'floating' && adapter.name !== 'generic',
    lobby: reading.phase === 'lobby',
    missing: (['call', 'leave', 'toolbar'] as const).filter(
      (role) => !found[role] && (role !== 'leave' || adapter.leave),
    ),
  };
}

function themeOf(adapter: SiteAdapter, toolbar: Element): 'dark' | 'light' {
  if (adapter.theme !== 'auto') return adapter.theme;
  // The first painted background up the tree decides; a transparent page counts as light.
  for (let element: Element | null = toolbar; element; element = element.parentElement) {
    const rgb = rgba(getComputedStyle(element).backgroundColor);
    const [r = 255, g = 255, b = 255, alpha = 1] = rgb;
    if (rgb.length >= 3 && alpha > 0.5)
      return 0.299 * r + 0.587 * g + 0.114 * b < 128 ? 'dark' : 'light';
  }
  return 'light';
}

/** The chat's message box, when the adapter knows one and the chat panel shows it. */
export function chatInput(adapter: SiteAdapter, root: Root): HTMLElement | null {
  for (const selector of adapter.chatInput ?? []) {
    const input = pageOf(root).all(selector)[0];
    if (input instanceof HTMLElement) return input;
  }
  return null;
}
