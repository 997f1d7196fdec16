import type { SiteStatus } from '../../shared/site-status.js';
import type { Placement } from '../panel.js';
import { locateSafely, type Spot, statusOf } from './locate.js';
import type { SiteAdapter } from './types.js';

export interface Control {
  readonly host: HTMLElement;
  place(placement: Placement): void;
}

/**
 * Keeps the control where the adapter's evidence says for as long as `signal` lives: in the
 * toolbar while the call is on, floating when the call shows but no toolbar does, gone
 * between calls. The sites re-render their toolbars and swap whole views on in-app
 * navigation, so the DOM is watched, with no polling, and every burst of changes is read
 * once, on the next animation frame. Returns what the page looks like now, for the popup.
 */
export function keepPlaced(
  adapter: SiteAdapter,
  control: Control,
  signal: AbortSignal,
): () => SiteStatus {
  const { host } = control;
  host.dataset.site = adapter.name;
  // In a frame (Zoom's meeting) only the toolbar will do: the top page has a control of its own.
  const inFrame = window !== window.top;
  const observer = new MutationObserver(() => schedule());
  let frame = 0;
  let status = statusOf(
    adapter,
    { kind: 'none' },
    { phase: 'none', leave: null, toolbar: null, before: null },
  );

  const apply = (spot: Spot) => {
    if (spot.kind === 'none' || (spot.kind === 'floating' && inFrame)) {
      host.remove();
    } else if (spot.kind === 'floating') {
      const floor = document.body ?? document.documentElement;
      if (host.parentElement !== floor) floor.append(host);
      control.place('floating');
    } else {
      const { toolbar, before } = spot;
      if (host.parentElement !== toolbar || (before && host.nextElementSibling !== before)) {
        toolbar.insertBefore(host, before);
      }
      host.dataset.theme = spot.theme;
      control.place('toolbar');
    }
  };

  /**
   * Docked, only the toolbar and the chain of its ancestors are watched (childList only, no
   * subtree): a rebuilt toolbar or a swapped call view shows as a child list change on that
   * chain, while the busy parts of the page (video tiles, captions, chat) stay unobserved.
   * Otherwise the body's subtree is watched until a call or a toolbar shows up.
   */
  const watch = (spot: Spot) => {
    observer.disconnect();
    if (spot.kind === 'toolbar') {
      observer.observe(spot.toolbar, { childList: true, subtree: true });
      for (let node = spot.toolbar.parentNode; node; node = node.parentNode) {
        observer.observe(node, { childList: true });
      }
      return;
    }
    const floor = document.body ?? document.documentElement;
    const settled = adapter.name === 'generic'; // nothing to wait for: only keep our place
    observer.observe(floor, { childList: true, subtree: !settled });
  };

  const update = () => {
    frame = 0;
    const { spot, reading } = locateSafely(adapter, document, (message, error) =>
      console.warn(message, error),
    );
    const next = statusOf(adapter, spot, reading);
    // The fallback is noted here and shown in the popup; nothing leaves the browser.
    if (next.fallback && !status.fallback) {
      console.info(`Deskbridge: no ${adapter.name} toolbar found on this page; the control floats`);
    }
    status = next;
    apply(spot);
    watch(spot);
  };
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(update);
  };

  // In-app navigation usually shows as DOM changes anyway; the Navigation API, where the
  // browser has it, catches a route change that keeps the DOM until later.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', schedule, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
    host.remove();
  });
  update();
  return () => status;
}
