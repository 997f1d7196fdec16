import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { InputEvent } from '../shared/input.js';
import type { LinkResult } from '../shared/link.js';
import { clientIdFor } from './client-id.js';
import { type ControlView, NO_CONTROL } from './control-machine.js';
import { WarmPeer } from './guest-peer.js';
import type { LaserState } from './laser.js';
import { isTerminal, type ViewerState } from './machine.js';
import { ATTEMPT_TIMEOUT_MS, ReconnectLoop } from './reconnect-loop.js';
import { forgetRejoin, loadRejoin, saveRejoin } from './rejoin-store.js';
import { ViewerSession } from './session.js';
import { TEXT } from './texts.js';
import { useLaserState } from './use-laser.js';

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

function publishControl(control: ControlView): void {
  const { dataset } = document.documentElement;
  if (dataset.control !== control.kind) dataset.control = control.kind;
}

export interface Viewer {
  state: ViewerState;
  join: (name: string) => void;
  /** Joins again with the last name; a link or page that cannot work is read afresh instead. */
  retry: () => void;
  leave: () => void;
  framePresented: (stream: MediaStream) => void;
  control: ControlView;
  requestControl: () => void;
  /** Also withdraws a request the host has not answered. */
  releaseControl: () => void;
  /** The one path for remote input (the session's); false when it did not go. */
  sendInput: (event: InputEvent) => boolean;
  /** Lets go of held keys and buttons on the host's side, keeping control. */
  releaseHeld: () => void;
  /** Whether the host lets guests point, and where the other guests point. */
  laser: LaserState;
  /** Our laser pointer at `nx`, `ny` of the picture (the caller paces it). */
  pointAt: (nx: number, ny: number) => void;
  /** Hides our laser pointer (sent once, however often asked). */
  hidePointer: () => void;
  /** The media connection, for statistics; null before the picture comes. */
  mediaConnection: () => RTCPeerConnection | null;
}

/** One session at a time, tied to the link: a new link or leaving the page ends the old one. */
export function useViewer(link: LinkResult): Viewer {
  const [state, setState] = useState<ViewerState>(() => readiness(link));
  const [control, setControl] = useState<ControlView>(NO_CONTROL);
  const current = useRef<{ controller: AbortController; session: ViewerSession } | null>(null);
  const lastName = useRef<string | null>(null);
  const { laser, onPointer, resetLaser } = useLaserState();
  const reconnect = useRef(new ReconnectLoop());
  const warm = useRef<WarmPeer | null>(null);

  const show = useCallback((next: ViewerState) => {
    publish(next);
    setState(next);
  }, []);

  const showControl = useCallback((next: ControlView) => {
    publishControl(next);
    setControl(next);
  }, []);

  const stop = useCallback(() => {
    current.current?.controller.abort();
    current.current = null;
    showControl(NO_CONTROL);
    resetLaser();
  }, [showControl, resetLaser]);

  const join = useCallback(
    (name: string, rejoinToken: string | null = null, again = false) => {
      if (readiness(link).kind !== 'idle' || !link.ok) return;
      lastName.current = name;
      if (!again) reconnect.current.stop();
      stop();
      const controller = new AbortController();
      const sharer = link.ticket.peerId;
      const peer = warm.current?.take() ?? null;
      warm.current = null;
      const session = new ViewerSession({
        ticket: link.ticket,
        peer,
        name,
        client: clientIdFor(sharer),
        signal: controller.signal,
        rejoinToken,
        onRejoinToken: (token) => {
          if (!controller.signal.aborted) saveRejoin(sharer, { name, token });
        },
        onState: (session) => {
          if (controller.signal.aborted) return;
          // Dropped: join again with the newest token until the loop gives up (reconnect-loop.ts).
          const next = reconnect.current.filter(session, () =>
            joinRef.current(name, loadRejoin(sharer)?.token ?? null, true),
          );
          // Removed, declined, ended: a reload must not try to come back.
          if (isTerminal(next) && next.kind !== 'reconnecting') forgetRejoin(sharer);
          show(next);
        },
        onControl: (next) => {
          if (!controller.signal.aborted) showControl(next);
        },
        onPointer: (message) => {
          if (!controller.signal.aborted) onPointer(message);
        },
        ...(again && { timeoutMs: ATTEMPT_TIMEOUT_MS }),
      });
      current.current = { controller, session };
      show(reconnect.current.active ? { kind: 'reconnecting' } : session.state);
    },
    [link, stop, show, showControl, onPointer],
  );

  // The rejoin below runs once per link, whatever else `join` depends on.
  const joinRef = useRef(join);
  joinRef.current = join;

  const retry = useCallback(() => {
    if (readiness(link).kind === 'idle' && lastName.current !== null) join(lastName.current);
    else location.reload();
  }, [link, join]);

  const leave = useCallback(() => {
    if (link.ok) forgetRejoin(link.ticket.peerId);
    reconnect.current.stop();
    stop();
    show(readiness(link));
  }, [link, stop, show]);

  useEffect(() => {
    show(readiness(link));
    publishControl(NO_CONTROL);
    // Admitted in this tab before (a reload): back in at once, proving the rejoin token.
    const saved =
      link.ok && readiness(link).kind === 'idle' ? loadRejoin(link.ticket.peerId) : null;
    if (saved) joinRef.current(saved.name, saved.token);
    else if (link.ok && readiness(link).kind === 'idle') warm.current = new WarmPeer(link.ticket);
    const loop = reconnect.current;
    return () => {
      loop.stop();
      stop();
      warm.current?.discard();
      warm.current = null;
    };
  }, [link, show, stop]);

  useEffect(() => {
    const controller = new AbortController();
    // pagehide rather than unload: it also fires when the page goes into the back/forward cache.
    const loop = reconnect.current;
    addEventListener(
      'pagehide',
      () => {
        loop.stop();
        stop();
        warm.current?.discard();
        warm.current = null;
      },
      { signal: controller.signal },
    );
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

  const requestControl = useCallback(() => current.current?.session.requestControl(), []);
  const releaseControl = useCallback(() => current.current?.session.releaseControl(), []);
  const sendInput = useCallback(
    (event: InputEvent) => current.current?.session.sendInput(event) ?? false,
    [],
  );
  const releaseHeld = useCallback(() => current.current?.session.releaseHeld(), []);
  const pointAt = useCallback(
    (nx: number, ny: number) => void current.current?.session.pointAt(nx, ny),
    [],
  );
  const hidePointer = useCallback(() => current.current?.session.hidePointer(), []);
  const mediaConnection = useCallback(() => current.current?.session.mediaConnection ?? null, []);

  return {
    state,
    join,
    retry,
    leave,
    framePresented,
    control,
    requestControl,
    releaseControl,
    sendInput,
    releaseHeld,
    laser,
    pointAt,
    hidePointer,
    mediaConnection,
  };
}
