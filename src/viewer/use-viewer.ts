import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { LinkResult } from '../shared/link.js';
import { clientIdFor } from './client-id.js';
import type { ViewerState } from './machine.js';
import { ViewerSession } from './session.js';
import { TEXT } from './texts.js';

/** What the page can do before any network: a broken link or an insecure page stops here. */
function readiness(link: LinkResult): ViewerState {
  if (!link.ok) return { kind: 'error', message: TEXT.invalidLink, detail: link.reason };
  // WebCrypto, which proves the key, exists only in secure contexts (HTTPS or localhost).
  if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) {
    return { kind: 'error', message: TEXT.insecurePage, detail: null };
  }
  return { kind: 'idle' };
}

/** Tests and the benchmark read the state from here; set it in the same tick as the change. */
function publish(state: ViewerState): void {
  const { dataset } = document.documentElement;
  if (dataset.viewerState !== state.kind) dataset.viewerState = state.kind;
}

export interface Viewer {
  state: ViewerState;
  join: (name: string) => void;
  /** Joins again with the last name; a link or page that cannot work is read afresh instead. */
  retry: () => void;
  leave: () => void;
  framePresented: (stream: MediaStream) => void;
}

/** One session at a time, tied to the link: a new link or leaving the page ends the old one. */
export function useViewer(link: LinkResult): Viewer {
  const [state, setState] = useState<ViewerState>(() => readiness(link));
  const current = useRef<{ controller: AbortController; session: ViewerSession } | null>(null);
  const lastName = useRef<string | null>(null);

  const show = useCallback((next: ViewerState) => {
    publish(next);
    setState(next);
  }, []);

  const stop = useCallback(() => {
    current.current?.controller.abort();
    current.current = null;
  }, []);

  const join = useCallback(
    (name: string) => {
      if (readiness(link).kind !== 'idle' || !link.ok) return;
      lastName.current = name;
      stop();
      const controller = new AbortController();
      const session = new ViewerSession({
        ticket: link.ticket,
        name,
        client: clientIdFor(link.ticket.peerId),
        signal: controller.signal,
        onState: (next) => {
          if (!controller.signal.aborted) show(next);
        },
      });
      current.current = { controller, session };
      show(session.state);
    },
    [link, stop, show],
  );

  const retry = useCallback(() => {
    if (readiness(link).kind === 'idle' && lastName.current !== null) join(lastName.current);
    else location.reload();
  }, [link, join]);

  const leave = useCallback(() => {
    stop();
    show(readiness(link));
  }, [link, stop, show]);

  useEffect(() => {
    show(readiness(link));
    return stop;
  }, [link, show, stop]);

  useEffect(() => {
    const controller = new AbortController();
    // pagehide rather than unload: it also fires when the page goes into the back/forward cache.
    addEventListener('pagehide', stop, { signal: controller.signal });
    addEventListener(
      'pageshow',
      (event) => {
        if (event.persisted) show(readiness(link));
      },
      { signal: controller.signal },
    );
    return () => controller.abort();
  }, [link, show, stop]);

  const framePresented = useCallback((stream: MediaStream) => {
    current.current?.session.framePresented(stream);
  }, []);

  return { state, join, retry, leave, framePresented };
}
