import type { SiteAdapter } from './types.js';

/** Where the control goes now. */
export type Spot =
  | { kind: 'none' }
  | { kind: 'floating' }
  | { kind: 'toolbar'; toolbar: HTMLElement; before: Element | null; theme: 'dark' | 'light' };

/** The slice of `Document` the adapters need, so unit tests can hand in a fake. */
export interface Root {
  querySelector(selectors: string): Element | null;
}

/** Reads an adapter against the page. Throws whatever the page or the selectors throw. */
export function locate(adapter: SiteAdapter, root: Root): Spot {
  if (adapter.inCall && !root.querySelector(adapter.inCall)) return { kind: 'none' };
  const toolbar = adapter.toolbar ? root.querySelector(adapter.toolbar) : null;
  if (!(toolbar instanceof HTMLElement)) return { kind: 'floating' };
  const anchor = adapter.before ? toolbar.querySelector(adapter.before) : null;
  return {
    kind: 'toolbar',
    toolbar,
    before: itemHolding(toolbar, anchor),
    theme: themeOf(adapter, toolbar),
  };
}

/** One adapter's mistake (a selector the browser refuses, say) must not break the page. */
export function locateSafely(
  adapter: SiteAdapter,
  root: Root,
  warn: (message: string, error: unknown) => void,
): Spot {
  try {
    return locate(adapter, root);
  } catch (error) {
    warn(`Deskbridge: the ${adapter.name} adapter failed; the control floats instead`, error);
    return { kind: 'floating' };
  }
}

/** The toolbar's direct child that holds `anchor`: sites wrap each button in a few divs. */
function itemHolding(toolbar: Element, anchor: Element | null): Element | null {
  let item = anchor;
  while (item && item.parentElement !== toolbar) item = item.parentElement;
  return item;
}

function themeOf(adapter: SiteAdapter, toolbar: Element): 'dark' | 'light' {
  if (adapter.theme !== 'auto') return adapter.theme;
  // The first painted background up the tree decides; a transparent page counts as light.
  for (let element: Element | null = toolbar; element; element = element.parentElement) {
    const rgb =
      getComputedStyle(element)
        .backgroundColor.match(/[\d.]+/g)
        ?.map(Number) ?? [];
    const [r = 255, g = 255, b = 255, alpha = 1] = rgb;
    if (rgb.length >= 3 && alpha > 0.5)
      return 0.299 * r + 0.587 * g + 0.114 * b < 128 ? 'dark' : 'light';
  }
  return 'light';
}

/** The chat's message box, when the adapter knows one and the chat panel shows it. */
export function chatInput(adapter: SiteAdapter, root: Root): HTMLElement | null {
  if (!adapter.chatInput) return null;
  const input = root.querySelector(adapter.chatInput);
  return input instanceof HTMLElement ? input : null;
}
