import {
  type Button,
  type InputEvent,
  type KeyInput,
  MAX_TEXT_LENGTH,
  MAX_WHEEL_DELTA,
  MODIFIER,
  type PointerInput,
} from '../shared/input.js';
import { type Box, containedBox, normalise, normaliseClamped } from '../shared/mapping.js';

/**
 * DOM-free halves of remote control: plain numbers and strings from the page's events in,
 * InputEvents out; which keys and buttons are held; and the one-move-per-frame coalescer. The
 * binding (use-remote-control.ts) reads the DOM and hands over only what these need.
 */

/** How the video draws its frame inside its content box (`object-fit`). */
export type Fit = 'contain' | 'fill';

/**
 * Where the picture's pixels are, relative to the video element's content box, in CSS pixels.
 * `contain` (the browsers' default for video, and Fit's) letterboxes; in 1:1 the element has
 * the frame's own shape, so `contain` fills it, and for a moment after the frame changes shape
 * (before the element follows) it letterboxes exactly as drawn. `fill` stretches.
 */
export function pictureBox(
  fit: Fit,
  width: number,
  height: number,
  videoWidth: number,
  videoHeight: number,
): Box {
  if (videoWidth <= 0 || videoHeight <= 0 || width <= 0 || height <= 0) {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  if (fit === 'fill') return { x: 0, y: 0, width, height };
  return containedBox(width, height, videoWidth, videoHeight);
}

export interface Modifiers {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

export function modifierBits({ altKey, ctrlKey, metaKey, shiftKey }: Modifiers): number {
  return (
    (altKey ? MODIFIER.alt : 0) |
    (ctrlKey ? MODIFIER.ctrl : 0) |
    (metaKey ? MODIFIER.meta : 0) |
    (shiftKey ? MODIFIER.shift : 0)
  );
}

/** `MouseEvent.button` → ours; back and forward (3, 4) have no remote meaning. */
export function buttonOf(button: number): Exclude<Button, 'none'> | null {
  if (button === 0) return 'left';
  if (button === 1) return 'middle';
  if (button === 2) return 'right';
  return null;
}

/** `MouseEvent.buttons` (a bitmask: 1 left, 2 right, 4 middle) → the button a drag carries. */
export function heldButtonOf(buttons: number): Button {
  if (buttons & 1) return 'left';
  if (buttons & 2) return 'right';
  if (buttons & 4) return 'middle';
  return 'none';
}

/** A point relative to the video element's content box, in CSS pixels. */
export interface Point {
  x: number;
  y: number;
}

/**
 * A move: on the picture only, unless a drag holds the pointer (then clamped to its edge, so
 * a drag that leaves the picture keeps going along the remote screen's edge).
 */
export function pointerMove(
  point: Point,
  box: Box,
  buttons: number,
  dragging: boolean,
): PointerInput | null {
  const at = dragging ? normaliseClamped(point.x, point.y, box) : normalise(point.x, point.y, box);
  if (!at || box.width <= 0) return null;
  return {
    kind: 'pointer',
    action: 'move',
    ...at,
    button: heldButtonOf(buttons),
    clicks: 0,
    aspect: aspectOf(box),
  };
}

/** A press: never on the letterbox bars. `detail` is the click count (2 on a double-click). */
export function pointerDown(
  point: Point,
  box: Box,
  button: number,
  detail: number,
): PointerInput | null {
  const which = buttonOf(button);
  const at = normalise(point.x, point.y, box);
  if (!which || !at) return null;
  return {
    kind: 'pointer',
    action: 'down',
    ...at,
    button: which,
    clicks: clickCount(detail),
    aspect: aspectOf(box),
  };
}

/** A release goes out wherever it happens: a press must never stay stuck on the remote side. */
export function pointerUp(
  point: Point,
  box: Box,
  button: number,
  detail: number,
): PointerInput | null {
  const which = buttonOf(button);
  if (!which || box.width <= 0 || box.height <= 0) return null;
  const at = normaliseClamped(point.x, point.y, box);
  return {
    kind: 'pointer',
    action: 'up',
    ...at,
    button: which,
    clicks: clickCount(detail),
    aspect: aspectOf(box),
  };
}

/** The shape of the frame the guest aims at (see `aspect` in src/shared/input.ts). */
const aspectOf = (box: Box) => Math.min(20, Math.max(0.05, box.height / box.width));

const clickCount = (detail: number) => Math.min(3, Math.max(1, Math.trunc(detail) || 1));

export const LINE_PIXELS = 16;
/** `WheelEvent.deltaMode`. */
export const DOM_DELTA_PIXEL = 0;
export const DOM_DELTA_LINE = 1;
export const DOM_DELTA_PAGE = 2;

export interface WheelSample {
  deltaX: number;
  deltaY: number;
  deltaMode: number;
}

/** Wheel deltas in CSS pixels: lines are 16 px, pages one viewport height; clamped. */
export function wheelPixels(
  { deltaX, deltaY, deltaMode }: WheelSample,
  pageHeight: number,
): { dx: number; dy: number } {
  const unit =
    deltaMode === DOM_DELTA_LINE ? LINE_PIXELS : deltaMode === DOM_DELTA_PAGE ? pageHeight : 1;
  const clamp = (value: number) =>
    Number.isFinite(value) ? Math.max(-MAX_WHEEL_DELTA, Math.min(MAX_WHEEL_DELTA, value)) : 0;
  return { dx: clamp(deltaX * unit), dy: clamp(deltaY * unit) };
}

/** A wheel turn over the picture; over the bars, or with nothing to scroll, none. */
export function wheel(
  point: Point,
  box: Box,
  sample: WheelSample,
  pageHeight: number,
): InputEvent | null {
  const at = normalise(point.x, point.y, box);
  if (!at) return null;
  const { dx, dy } = wheelPixels(sample, pageHeight);
  if (dx === 0 && dy === 0) return null;
  return { kind: 'wheel', ...at, dx, dy, aspect: aspectOf(box) };
}

export interface KeySample extends Modifiers {
  code: string;
  key: string;
  isComposing: boolean;
  /** Deprecated, but the only way to tell a key the IME is about to take (229). */
  keyCode: number;
}

/** Keys the IME owns: composition text arrives whole in `compositionend` instead. */
export function isImeKey({ isComposing, keyCode, key }: KeySample): boolean {
  return isComposing || keyCode === 229 || key === 'Process';
}

/**
 * A key as the remote side needs it, or null for keys that must not be sent as keys: anything
 * the IME is composing, and dead keys (their accented letter arrives as composition text).
 */
export function keyInput(action: 'down' | 'up', sample: KeySample): KeyInput | null {
  if (isImeKey(sample) || sample.key === 'Dead') return null;
  const code = /^[A-Za-z0-9]{0,32}$/.test(sample.code) ? sample.code : '';
  const key = sample.key.length >= 1 && sample.key.length <= 32 ? sample.key : 'Unidentified';
  if (code === '' && key === 'Unidentified') return null;
  return { kind: 'key', action, code, key, modifiers: modifierBits(sample) };
}

/** Composed text in pieces the wire accepts, never splitting a character. */
export function textInputs(text: string): InputEvent[] {
  const events: InputEvent[] = [];
  let piece = '';
  for (const char of text) {
    if (piece.length + char.length > MAX_TEXT_LENGTH) {
      events.push({ kind: 'text', text: piece });
      piece = '';
    }
    piece += char;
  }
  if (piece) events.push({ kind: 'text', text: piece });
  return events;
}

const MODIFIER_OF_CODE: Record<string, number> = {
  AltLeft: MODIFIER.alt,
  AltRight: MODIFIER.alt,
  ControlLeft: MODIFIER.ctrl,
  ControlRight: MODIFIER.ctrl,
  MetaLeft: MODIFIER.meta,
  MetaRight: MODIFIER.meta,
  ShiftLeft: MODIFIER.shift,
  ShiftRight: MODIFIER.shift,
};

/** Own keys only: a code like `constructor` must not find Object.prototype's. */
const modifierOfCode = (code: string) =>
  Object.hasOwn(MODIFIER_OF_CODE, code) ? (MODIFIER_OF_CODE[code] ?? 0) : 0;

/**
 * What the remote side holds down because of us: buttons and keys pressed and not yet
 * released. It filters releases of things never pressed (a key held down before control was
 * granted), and on leaving control it lists the releases still owed.
 */
export class HeldInput {
  readonly #buttons = new Set<Exclude<Button, 'none'>>();
  /** By `code` (or `key` where the code is unknown), in the order pressed. */
  readonly #keys = new Map<string, KeyInput>();
  #at = { nx: 0.5, ny: 0.5 };

  get empty(): boolean {
    return this.#buttons.size === 0 && this.#keys.size === 0;
  }

  /** Notes an event about to be sent; false means it should not go (a release of nothing). */
  accept(event: InputEvent): boolean {
    switch (event.kind) {
      case 'pointer': {
        if (event.action === 'move' || event.button === 'none') {
          this.#at = { nx: event.nx, ny: event.ny };
          return event.action === 'move';
        }
        if (event.action === 'up' && !this.#buttons.has(event.button)) return false;
        this.#at = { nx: event.nx, ny: event.ny };
        if (event.action === 'down') this.#buttons.add(event.button);
        else this.#buttons.delete(event.button);
        return true;
      }
      case 'wheel':
        this.#at = { nx: event.nx, ny: event.ny };
        return true;
      case 'key': {
        const id = event.code || event.key;
        if (event.action === 'down') {
          // Auto-repeat: a second press of a held key is sent, but held once.
          if (!this.#keys.has(id)) this.#keys.set(id, event);
          return true;
        }
        return this.#keys.delete(id);
      }
      case 'text':
        return true;
    }
  }

  /**
   * The releases still owed, buttons first, then keys in reverse order of pressing (so Ctrl of
   * Ctrl+C goes up last); the set is empty afterwards.
   */
  release(): InputEvent[] {
    const events: InputEvent[] = [];
    for (const button of this.#buttons) {
      events.push({ kind: 'pointer', action: 'up', ...this.#at, button, clicks: 1 });
    }
    const keys = [...this.#keys.values()].reverse();
    let modifiers = keys.reduce((bits, key) => bits | modifierOfCode(key.code), 0);
    for (const key of keys) {
      modifiers &= ~modifierOfCode(key.code);
      events.push({ kind: 'key', action: 'up', code: key.code, key: key.key, modifiers });
    }
    this.clear();
    return events;
  }

  /** The remote side has already let go (control was revoked): nothing is owed. */
  clear(): void {
    this.#buttons.clear();
    this.#keys.clear();
  }
}

/**
 * Pointer moves at most once per frame, the latest position winning; anything else goes at
 * once, after the move still waiting, so the remote side sees events in the order they happened.
 */
export class MoveCoalescer {
  readonly #send: (event: InputEvent) => void;
  readonly #schedule: (flush: () => void) => void;
  #pending: InputEvent | null = null;
  #scheduled = false;
  #closed = false;

  /** `schedule` runs its callback once, at the next frame (requestAnimationFrame). */
  constructor(send: (event: InputEvent) => void, schedule: (flush: () => void) => void) {
    this.#send = send;
    this.#schedule = schedule;
  }

  push(event: InputEvent): void {
    if (this.#closed) return;
    if (event.kind === 'pointer' && event.action === 'move') {
      this.#pending = event;
      if (!this.#scheduled) {
        this.#scheduled = true;
        this.#schedule(() => {
          this.#scheduled = false;
          this.flush();
        });
      }
      return;
    }
    this.flush();
    this.#send(event);
  }

  /** Sends the waiting move now, if any. */
  flush(): void {
    const pending = this.#pending;
    this.#pending = null;
    if (pending && !this.#closed) this.#send(pending);
  }

  /** Forgets the waiting move and refuses everything after. */
  close(): void {
    this.#closed = true;
    this.#pending = null;
  }
}
