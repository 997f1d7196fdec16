import type { RefObject } from 'preact';
import { useCallback, useEffect, useReducer } from 'preact/hooks';
import { normalise } from '../shared/mapping.js';
import {
  expirePointers,
  type LaserState,
  laserTransition,
  NO_LASER,
  nextExpiry,
  type PointerMessage,
  PointerPacer,
} from './laser.js';
import { locate } from './use-remote-control.js';

type LaserAction =
  | { type: 'message'; message: PointerMessage }
  | { type: 'expire' }
  | { type: 'reset' };

function reduce(state: LaserState, action: LaserAction): LaserState {
  const now = performance.now();
  if (action.type === 'message') return laserTransition(state, action.message, now);
  if (action.type === 'expire') return expirePointers(state, now);
  return NO_LASER;
}

/** What the host said about pointers; pointers not heard of for 3 s go by themselves. */
export function useLaserState(): {
  laser: LaserState;
  onPointer: (message: PointerMessage) => void;
  resetLaser: () => void;
} {
  const [laser, dispatch] = useReducer(reduce, NO_LASER);
  const expiry = nextExpiry(laser);
  useEffect(() => {
    if (expiry === null) return;
    const id = setTimeout(
      () => dispatch({ type: 'expire' }),
      Math.max(0, expiry - performance.now()),
    );
    return () => clearTimeout(id);
  }, [expiry]);
  const onPointer = useCallback(
    (message: PointerMessage) => dispatch({ type: 'message', message }),
    [],
  );
  const resetLaser = useCallback(() => dispatch({ type: 'reset' }), []);
  return { laser, onPointer, resetLaser };
}

/** Where our pointer goes: the session's `pointAt` and `hidePointer`. */
export interface LaserTarget {
  point: (nx: number, ny: number) => void;
  hide: () => void;
}

/**
 * Our laser pointer follows the mouse over the picture while `target` is set: paced (one per
 * frame, 20 a second), hidden over the letterbox bars, on leaving the picture and when it ends.
 */
export function useLaserPointer(
  videoRef: RefObject<HTMLVideoElement>,
  target: LaserTarget | null,
): void {
  useEffect(() => {
    const video = videoRef.current;
    if (!target || !video) return;
    const controller = new AbortController();
    const { signal } = controller;
    let frame = 0;
    const pacer = new PointerPacer(
      (nx, ny) => {
        if (!signal.aborted) target.point(nx, ny);
      },
      (tick) => {
        frame = requestAnimationFrame(tick);
      },
      () => performance.now(),
    );
    const hide = () => {
      pacer.cancel();
      target.hide();
    };
    video.addEventListener(
      'pointermove',
      (event) => {
        if (!event.isPrimary) return;
        const { point, box } = locate(video, event);
        const at = normalise(point.x, point.y, box);
        if (at) pacer.push(at.nx, at.ny);
        else hide();
      },
      { signal },
    );
    video.addEventListener('pointerleave', hide, { signal });
    return () => {
      controller.abort();
      cancelAnimationFrame(frame);
      hide();
    };
  }, [videoRef, target]);
}
