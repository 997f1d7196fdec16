import { useEffect } from 'preact/hooks';

/** Typing somewhere (the name field, the keyboard sink while in control) is not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** "s" toggles the statistics overlay, unless a modifier is held or the key goes elsewhere. */
export function useStatsKey(enabled: boolean, toggle: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    addEventListener(
      'keydown',
      (event) => {
        if (event.key.toLowerCase() !== 's' || event.repeat) return;
        if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
        event.preventDefault();
        toggle();
      },
      { signal: controller.signal },
    );
    return () => controller.abort();
  }, [enabled, toggle]);
}
