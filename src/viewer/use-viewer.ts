import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { InputEvent } from '../shared/input.js';
import type { LinkResult } from '../shared/link.js';
import { PEER_ID_PATTERN } from '../shared/link.js';
import { clientIdFor, moveClientId } from './client-id.js';
import { type ControlView, NO_CONTROL } from './control-machine.js';
import type { LaserState } from './laser.js';
import { isTerminal, type ViewerState } from './machine.js';
import { ATTEMPT_TIMEOUT_MS, ReconnectLoop } from './reconnect-loop.js';
import { forgetRejoin, loadRejoin, moveRejoin, saveRejoin } from './rejoin-store.js';
import { ViewerSession } from './session.js';
import { useLaserState } from './use-laser.js';

/** What the page can do before any network: a broken link or an insecure page stops here. */
function readiness(link: LinkResult): ViewerState {
  if (!link.ok) return { kind: 'error', reason: 'invalid-link', detail: link.reason };
  // WebCrypto, which proves the key, exists only in secure contexts (HTTPS or localhost).
  if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) {
    return { kind: 'error', reason: 'insecure-page', detail: null };
  }
  return { kind: 'idle' };
}

/** Tests and the benchmark read the state from here; set it in the same tick as the change. */
function publish(state: ViewerState): void {
  const { dataset } = document.documentElement;
  if (dataset.viewerState !== state.kind) dataset.viewerState = state.kind;
}

/** How far the connection made ahead of Join has got (`ready`: key proved); gone at Join. */
function publishAhead(state: ViewerState | null): void {
  const { dataset } = document.documentElement;
  if (state === null) delete dataset.joinAhead;
  else if (dataset.joinAhead !== state.kind) dataset.joinAhead = state.kind;
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
  /** The four words to compare aloud with the host's, once both proofs hold. */
  words: string[] | null;
}

/** One attempt to get in; `who.name` stays null until the guest presses Join. */
interface Attempt {
  controller: AbortController;
  session: ViewerSession;
  who: { name: string | null };
}

/**
 * One session at a time, tied to the link: a new link or leaving the page ends the old one. The
 * page connects and proves the key while the guest types its name (join-ahead): Join then costs
 * one message. Until Join the page shows the form, whatever that connection is doing.
 */
export function useViewer(link: LinkResult): Viewer {
  const [state, setState] = useState<ViewerState>(() => readiness(link));
  const [control, setControl] = useState<ControlView>(NO_CONTROL);
  const [words, setWords] = useState<string[] | null>(null);
  const current = useRef<Attempt | null>(null);
  const lastName = useRef<string | null>(null);
  const { laser, onPointer, resetLaser } = useLaserState();
  const reconnect = useRef(new ReconnectLoop());

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
    setWords(null);
    showControl(NO_CONTROL);
    resetLaser();
  }, [showControl, resetLaser]);

  /** A new session: with a name it joins as soon as the key is proved, without one it waits. */
  const start = useCallback(
    (name: string | null, rejoinToken: string | null, again: boolean): Attempt | null => {
      if (readiness(link).kind !== 'idle' || !link.ok) return null;
      stop();
      const controller = new AbortController();
      const sharer = link.ticket.peerId;
      const who = { name };
      const session = new ViewerSession({
        ticket: link.ticket,
        name,
        client: clientIdFor(sharer),
        signal: controller.signal,
        rejoinToken,
        onRejoinToken: (token) => {
          if (!controller.signal.aborted && who.name !== null) {
            saveRejoin(sharer, { name: who.name, token });
          }
        },
        onState: (reported) => {
          if (controller.signal.aborted) return;
          // Ahead of Join nothing is news: the form stays, and Join decides what to make of it.
          if (who.name === null) {
            publishAhead(reported);
            return;
          }
          const joined = who.name;
          // Dropped: join again with the newest token until the loop gives up (reconnect-loop.ts).
          const next = reconnect.current.filter(reported, () =>
            joinRef.current(joined, loadRejoin(sharer)?.token ?? null, true),
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
        onRelinked: (peer) => {
          if (controller.signal.aborted || !PEER_ID_PATTERN.test(peer)) return;
          // The new link is this share still: a reload with it is this tab coming back.
          moveRejoin(sharer, peer);
          moveClientId(sharer, peer);
        },
        onWords: (next) => {
          if (!controller.signal.aborted) setWords(next);
        },
        ...(again && { timeoutMs: ATTEMPT_TIMEOUT_MS }),
      });
      const attempt = { controller, session, who };
      current.current = attempt;
      publishAhead(name === null ? session.state : null);
      return attempt;
    },
    [link, stop, show, showControl, onPointer],
  );

  const join = useCallback(
    (name: string, rejoinToken: string | null = null, again = false) => {
      if (readiness(link).kind !== 'idle' || !link.ok) return;
      lastName.current = name;
      if (!again) reconnect.current.stop();
      const ahead = current.current;
      // The connection made ahead of Join, if it is still good (or if the host has already said
      // no: another attempt would only hear the same, and count as another failed proof).
      if (ahead && ahead.who.name === null && rejoinToken === null) {
        const { session } = ahead;
        if (!isTerminal(session.state) || session.hostDecided) {
          ahead.who.name = name;
          publishAhead(null);
          session.join(name);
          show(session.state);
          return;
        }
      }
      const attempt = start(name, rejoinToken, again);
      if (!attempt) return;
      show(reconnect.current.active ? { kind: 'reconnecting' } : attempt.session.state);
    },
    [link, start, show],
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
    else start(null, null, false);
    const loop = reconnect.current;
    return () => {
      loop.stop();
      stop();
    };
  }, [link, show, stop, start]);

  useEffect(() => {
    const controller = new AbortController();
    // pagehide rather than unload: it also fires when the page goes into the back/forward cache.
    const loop = reconnect.current;
    addEventListener(
      'pagehide',
      () => {
        loop.stop();
        stop();
      },
      { signal: controller.signal },
    );
    addEventListener(
      'pageshow',
      (event) => {
        if (!event.persisted) return;
        show(readiness(link));
        start(null, null, false);
      },
      { signal: controller.signal },
    );
    return () => controller.abort();
  }, [link, show, stop, start]);

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
    words,
  };
}
