import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECONNECT_WINDOW_MS } from '../../src/shared/reconnect.js';
import type { ViewerState } from '../../src/viewer/machine.js';
import { ReconnectLoop } from '../../src/viewer/reconnect-loop.js';

const reconnecting: ViewerState = { kind: 'reconnecting' };
const live = { kind: 'live', surface: null, stream: {} } as ViewerState;
const error = (reason: Extract<ViewerState, { kind: 'error' }>['reason']): ViewerState => ({
  kind: 'error',
  reason,
  detail: null,
});

describe('ReconnectLoop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes states through while no reconnection is under way', () => {
    const loop = new ReconnectLoop();
    const attempt = vi.fn();
    expect(loop.filter(live, attempt)).toBe(live);
    expect(loop.filter(error('declined'), attempt)).toEqual(error('declined'));
    expect(loop.active).toBe(false);
  });

  it('on a drop, shows reconnecting and joins again after the backoff', () => {
    const loop = new ReconnectLoop();
    const attempt = vi.fn();
    expect(loop.filter(reconnecting, attempt)).toEqual(reconnecting);
    expect(loop.active).toBe(true);
    expect(attempt).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('reads every state of an attempt on its way in as reconnecting', () => {
    const loop = new ReconnectLoop();
    loop.filter(reconnecting, vi.fn());
    for (const state of [
      { kind: 'connecting', step: 'host' },
      { kind: 'checking', step: 'proof' },
      { kind: 'ready' },
    ] as ViewerState[]) {
      expect(loop.filter(state, vi.fn())).toEqual(reconnecting);
    }
  });

  it.each([
    'host-unreachable',
    'host-closed',
    'signalling-unreachable',
    'network-blocked',
  ] as const)('tries again after a %s failure: the path may come back', (reason) => {
    const loop = new ReconnectLoop();
    const attempt = vi.fn();
    loop.filter(reconnecting, attempt);
    vi.advanceTimersByTime(500);
    expect(loop.filter(error(reason), attempt)).toEqual(reconnecting);
    vi.advanceTimersByTime(1_000);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it.each(['declined', 'removed', 'not-host', 'security'] as const)(
    'stops at a refusal (%s): the host has said',
    (reason) => {
      const loop = new ReconnectLoop();
      loop.filter(reconnecting, vi.fn());
      expect(loop.filter(error(reason), vi.fn())).toEqual(error(reason));
      expect(loop.active).toBe(false);
    },
  );

  it('gives up as ended once the reconnect window is over', () => {
    const loop = new ReconnectLoop();
    const attempt = vi.fn();
    loop.filter(reconnecting, attempt);
    vi.advanceTimersByTime(RECONNECT_WINDOW_MS + 1_000);
    expect(loop.filter(error('host-unreachable'), attempt)).toEqual({ kind: 'ended', lost: true });
    expect(loop.active).toBe(false);
  });

  it('back live: stops, and a later drop starts from the shortest delay again', () => {
    const loop = new ReconnectLoop();
    const attempt = vi.fn();
    loop.filter(reconnecting, attempt);
    vi.advanceTimersByTime(500);
    expect(loop.filter(live, attempt)).toBe(live);
    expect(loop.active).toBe(false);
    loop.filter(reconnecting, attempt);
    vi.advanceTimersByTime(500);
    expect(attempt).toHaveBeenCalledTimes(2);
  });
});
