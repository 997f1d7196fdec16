import type { RefObject } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';

/** Whether `ref` is the full-screen element, and a toggle. iPhone Safari has no element API. */
export function useFullscreen(ref: RefObject<HTMLElement>) {
  const supported = typeof document !== 'undefined' && document.fullscreenEnabled === true;
  const [active, setActive] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    // Esc and the browser's own controls leave full screen without asking us.
    document.addEventListener(
      'fullscreenchange',
      () => setActive(ref.current !== null && document.fullscreenElement === ref.current),
      { signal: controller.signal },
    );
    return () => controller.abort();
  }, [ref]);

  const toggle = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    const request = document.fullscreenElement
      ? document.exitFullscreen()
      : element.requestFullscreen();
    request.catch((error: unknown) => console.warn('Deskbridge: full screen refused:', error));
  }, [ref]);

  return { supported, active, toggle };
}
