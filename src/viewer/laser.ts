import type { SharerMessage } from '../shared/wire.js';

/**
 * DOM-free halves of the laser pointer (a guest points, everyone sees, nobody controls): the
 * other guests' pointers as the host reports them, and the pacing of our own.
 */
export type PointerMessage = Extract<
  SharerMessage,
  { type: 'pointers' | 'pointer' | 'pointer/hide' }
>;

export const isPointerMessage = (message: SharerMessage): message is PointerMessage =>
  message.type === 'pointers' || message.type === 'pointer' || message.type === 'pointer/hide';

/** A pointer not heard of for this long is gone (its `pointer/hide` may never come). */
export const POINTER_TTL_MS = 3_000;
/** Our own pointer goes at most this often (20 a second), and at most once a frame. */
export const POINTER_INTERVAL_MS = 50;

export interface RemotePointer {
  id: string;
  /** Untrusted: shown as text only. */
  name: string;
  nx: number;
  ny: number;
  /** When it was last heard of (ms, the caller's clock). */
  seen: number;
}

export interface LaserState {
  /** Whether the host lets guests point; off until the host says otherwise. */
  allowed: boolean;
  pointers: readonly RemotePointer[];
}

export const NO_LASER: LaserState = { allowed: false, pointers: [] };

export function laserTransition(
  state: LaserState,
  message: PointerMessage,
  now: number,
): LaserState {
  switch (message.type) {
    case 'pointers':
      if (message.allowed === state.allowed) return state;
      // Turned off: nobody points any more.
      return message.allowed ? { ...state, allowed: true } : NO_LASER;
    case 'pointer': {
      const { id, name, nx, ny } = message;
      const others = state.pointers.filter((pointer) => pointer.id !== id);
      return { ...state, pointers: [...others, { id, name, nx, ny, seen: now }] };
    }
    case 'pointer/hide': {
      const pointers = state.pointers.filter((pointer) => pointer.id !== message.id);
      return pointers.length === state.pointers.length ? state : { ...state, pointers };
    }
  }
}

/** Drops the pointers not heard of for `POINTER_TTL_MS`. */
export function expirePointers(state: LaserState, now: number): LaserState {
  const pointers = state.pointers.filter((pointer) => now - pointer.seen < POINTER_TTL_MS);
  return pointers.length === state.pointers.length ? state : { ...state, pointers };
}

/** When the next pointer expires, or null when there is none. */
export function nextExpiry(state: LaserState): number | null {
  if (state.pointers.length === 0) return null;
  return Math.min(...state.pointers.map((pointer) => pointer.seen)) + POINTER_TTL_MS;
}

/** A steady colour per pointer id, so each guest keeps theirs. */
export function pointerHue(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}

/**
 * Our pointer's positions, the latest winning: sent at a frame, and no sooner than
 * `POINTER_INTERVAL_MS` after the last one. `schedule` runs its callback once at the next frame.
 */
export class PointerPacer {
  readonly #send: (nx: number, ny: number) => void;
  readonly #schedule: (tick: () => void) => void;
  readonly #now: () => number;
  #pending: { nx: number; ny: number } | null = null;
  #scheduled = false;
  #last = Number.NEGATIVE_INFINITY;

  constructor(
    send: (nx: number, ny: number) => void,
    schedule: (tick: () => void) => void,
    now: () => number,
  ) {
    this.#send = send;
    this.#schedule = schedule;
    this.#now = now;
  }

  push(nx: number, ny: number): void {
    this.#pending = { nx, ny };
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.#schedule(() => this.#tick());
    }
  }

  /** Forgets the waiting position (the pointer is hidden). */
  cancel(): void {
    this.#pending = null;
  }

  #tick(): void {
    this.#scheduled = false;
    const pending = this.#pending;
    if (!pending) return;
    const now = this.#now();
    if (now - this.#last < POINTER_INTERVAL_MS) {
      // Too soon: try again at a later frame.
      this.#scheduled = true;
      this.#schedule(() => this.#tick());
      return;
    }
    this.#pending = null;
    this.#last = now;
    this.#send(pending.nx, pending.ny);
  }
}
