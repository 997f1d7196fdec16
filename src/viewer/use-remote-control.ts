import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import type { InputEvent } from '../shared/input.js';
import { type Box, normalise } from '../shared/mapping.js';
import {
  isImeKey,
  type KeySample,
  keyInput,
  MoveCoalescer,
  type Point,
  pictureBox,
  pointerDown,
  pointerMove,
  pointerUp,
  textInputs,
  wheel,
} from './input-capture.js';

/** Where captured input goes: the session's `sendInput`, and letting go of what is held. */
export interface RemoteInput {
  send: (event: InputEvent) => void;
  releaseHeld: () => void;
}

export interface RemoteElements {
  /** The picture: pointer and wheel input are read on it. */
  video: HTMLVideoElement;
  /** A hidden text field that holds the keyboard focus, so keys and IME text reach us. */
  sink: HTMLTextAreaElement;
}

interface KeyboardLock {
  lock?: (codes?: string[]) => Promise<void>;
  unlock?: () => void;
}

const px = (value: string) => Number.parseFloat(value) || 0;

/**
 * The video's content box (its offset inside the element's border box, in CSS pixels) and where
 * the picture is in that box: page zoom and screen density cancel out (1:1's element size
 * divides by devicePixelRatio; the mapping needs no such term). The computed `object-fit` says
 * how the frame is drawn, whatever the stylesheet or the view mode.
 */
export function videoGeometry(video: HTMLVideoElement): {
  rect: DOMRect;
  left: number;
  top: number;
  box: Box;
} {
  const rect = video.getBoundingClientRect();
  const style = getComputedStyle(video);
  const left = px(style.borderLeftWidth) + px(style.paddingLeft);
  const top = px(style.borderTopWidth) + px(style.paddingTop);
  const width = rect.width - left - px(style.borderRightWidth) - px(style.paddingRight);
  const height = rect.height - top - px(style.borderBottomWidth) - px(style.paddingBottom);
  const fit = style.objectFit === 'fill' ? 'fill' : 'contain';
  return {
    rect,
    left,
    top,
    box: pictureBox(fit, width, height, video.videoWidth, video.videoHeight),
  };
}

/** The point under `event` relative to the video's content box, and where the picture is in it. */
export function locate(video: HTMLVideoElement, event: MouseEvent): { point: Point; box: Box } {
  const { rect, left, top, box } = videoGeometry(video);
  return { point: { x: event.clientX - rect.left - left, y: event.clientY - rect.top - top }, box };
}

const keySample = (event: KeyboardEvent): KeySample => ({
  code: event.code,
  key: event.key,
  altKey: event.altKey,
  ctrlKey: event.ctrlKey,
  metaKey: event.metaKey,
  shiftKey: event.shiftKey,
  isComposing: event.isComposing,
  keyCode: event.keyCode,
});

/**
 * Captures pointer, wheel, keys and composed text for the host until `signal` aborts. Moves go
 * at most once per frame; everything else at once, after any waiting move. In full screen the
 * keyboard is locked where the browser can (Chromium), so its shortcuts reach the host.
 */
export function bindRemoteControl(
  { video, sink }: RemoteElements,
  input: RemoteInput,
  signal: AbortSignal,
): void {
  let frame = 0;
  const moves = new MoveCoalescer(input.send, (flush) => {
    frame = requestAnimationFrame(flush);
  });
  const push = (event: InputEvent | null) => {
    if (event && !signal.aborted) moves.push(event);
  };
  const listen = <T extends Event>(
    target: EventTarget,
    type: string,
    listener: (event: T) => void,
    options: AddEventListenerOptions = {},
  ) => target.addEventListener(type, listener as EventListener, { ...options, signal });

  const focusSink = () => {
    if (document.activeElement !== sink) sink.focus({ preventScroll: true });
  };

  // Pointer: presses only on the picture, releases wherever they happen (on the window, so one
  // outside the picture is never lost), moves on the picture or, during a drag, clamped to it.
  let captured: number | null = null;
  listen<PointerEvent>(video, 'pointerdown', (event) => {
    if (!event.isPrimary) return;
    focusSink();
    const { point, box } = locate(video, event);
    if (normalise(point.x, point.y, box)) {
      try {
        video.setPointerCapture(event.pointerId);
        captured = event.pointerId;
      } catch {
        // The pointer is already gone: its release still reaches the window.
      }
    }
    // Mouse presses come from mousedown, which alone counts clicks (`detail`; 0 on pointer
    // events). Touch and pen press here, and cancelling stops their emulated mouse events.
    if (event.pointerType !== 'mouse') {
      event.preventDefault();
      push(pointerDown(point, box, event.button, 1));
    }
  });
  listen<MouseEvent>(video, 'mousedown', (event) => {
    // Keeps the focus in the sink and stops text selection and middle-click scrolling.
    event.preventDefault();
    focusSink();
    const { point, box } = locate(video, event);
    push(pointerDown(point, box, event.button, event.detail));
  });
  listen<MouseEvent>(window, 'mouseup', (event) => {
    const { point, box } = locate(video, event);
    push(pointerUp(point, box, event.button, event.detail));
  });
  const pointerEnd = (event: PointerEvent) => {
    if (event.pointerType === 'mouse' || !event.isPrimary) return;
    const { point, box } = locate(video, event);
    push(pointerUp(point, box, 0, 1));
  };
  listen(window, 'pointerup', pointerEnd);
  listen(window, 'pointercancel', pointerEnd);
  listen<PointerEvent>(video, 'pointermove', (event) => {
    if (!event.isPrimary) return;
    const { point, box } = locate(video, event);
    const dragging = video.hasPointerCapture(event.pointerId);
    push(pointerMove(point, box, event.buttons, dragging));
  });
  listen<PointerEvent>(video, 'lostpointercapture', (event) => {
    if (captured === event.pointerId) captured = null;
  });
  listen<WheelEvent>(
    video,
    'wheel',
    (event) => {
      // Not passive: the viewer's own page must not scroll or zoom (Ctrl+wheel).
      event.preventDefault();
      const { point, box } = locate(video, event);
      push(wheel(point, box, event, innerHeight));
    },
    { passive: false },
  );
  for (const target of [video, sink]) {
    listen(target, 'contextmenu', (event) => event.preventDefault());
  }

  // Keys: sent as keys unless the IME owns them (its text comes whole in compositionend) or they
  // are dead keys (their accented letter comes the same way). Cancelled, so Tab, Backspace and
  // Ctrl+… act on the host and not on this page.
  const onKey = (action: 'down' | 'up') => (event: KeyboardEvent) => {
    const sample = keySample(event);
    if (isImeKey(sample) || sample.key === 'Dead') return;
    event.preventDefault();
    push(keyInput(action, sample));
  };
  listen(sink, 'keydown', onKey('down'));
  listen(sink, 'keyup', onKey('up'));
  listen<CompositionEvent>(sink, 'compositionend', (event) => {
    for (const text of textInputs(event.data ?? '')) push(text);
    sink.value = '';
  });
  listen<Event & { isComposing?: boolean; inputType?: string; data?: string | null }>(
    sink,
    'input',
    (event) => {
      if (event.isComposing) return;
      // Every key we send is cancelled, so text arriving outside a composition came from a key we
      // left alone: an IME or a virtual keyboard (Android reports every key as 229) typing
      // directly. It is the host's text; the field stays empty.
      if (event.inputType === 'insertText' && event.data) {
        for (const text of textInputs(event.data)) push(text);
      }
      sink.value = '';
    },
  );

  // Releases we will never see once focus is elsewhere: let go of everything now.
  const letGo = () => {
    moves.flush();
    input.releaseHeld();
    if (captured !== null && video.hasPointerCapture(captured)) {
      video.releasePointerCapture(captured);
    }
  };
  listen(sink, 'blur', letGo);
  listen(window, 'blur', letGo);
  listen(document, 'visibilitychange', () => {
    if (document.visibilityState === 'hidden') letGo();
  });

  // Keyboard lock: only in full screen, only Chromium; elsewhere Esc and shortcuts stay local.
  const keyboard = (navigator as Navigator & { keyboard?: KeyboardLock }).keyboard;
  let locked = false;
  const unlock = () => {
    if (!locked) return;
    locked = false;
    keyboard?.unlock?.();
  };
  const updateLock = () => {
    const full = document.fullscreenElement?.contains(video) === true;
    if (!full) return unlock();
    if (locked || !keyboard?.lock) return;
    locked = true;
    keyboard.lock().catch((error: unknown) => {
      locked = false;
      console.warn('Deskbridge: keyboard lock refused:', error);
    });
  };
  listen(document, 'fullscreenchange', updateLock);
  updateLock();

  focusSink();
  signal.addEventListener(
    'abort',
    () => {
      moves.close();
      cancelAnimationFrame(frame);
      unlock();
      if (captured !== null && video.hasPointerCapture(captured)) {
        video.releasePointerCapture(captured);
      }
    },
    { once: true },
  );
}

/**
 * Remote control on the stage while `input` is set (control granted); off when it is null. A
 * layout effect, so capture and focus are in place in the same task that heard of the grant:
 * keys typed the moment `data-control` says granted are not lost.
 */
export function useRemoteControl(
  videoRef: RefObject<HTMLVideoElement>,
  sinkRef: RefObject<HTMLTextAreaElement>,
  input: RemoteInput | null,
): void {
  useLayoutEffect(() => {
    const video = videoRef.current;
    const sink = sinkRef.current;
    if (!input || !video || !sink) return;
    const controller = new AbortController();
    bindRemoteControl({ video, sink }, input, controller.signal);
    return () => controller.abort();
  }, [input, videoRef, sinkRef]);
}
