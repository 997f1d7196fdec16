import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Registrable, reregistration, retryDelayMs } from '../../src/shared/reregister.js';

describe('retryDelayMs', () => {
  it('doubles from 0.5 s and settles at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(retryDelayMs)).toEqual([
      500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });
  it('treats a negative attempt as the first', () => {
    expect(retryDelayMs(-3)).toBe(500);
  });
});

/** A peer whose server is down until `serverUp` is set: each attempt fails back to disconnected. */
function fakePeer() {
  const peer = {
    disconnected: true,
    destroyed: false,
    serverUp: false,
    attempts: [] as number[],
    onOpen: () => {},
    onDisconnected: () => {},
    reconnect() {
      peer.attempts.push(Date.now());
      if (peer.serverUp) {
        peer.disconnected = false;
        peer.onOpen();
      } else peer.onDisconnected();
    },
  };
  return peer satisfies Registrable;
}

describe('reregistration', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('retries with backoff while the server is down, and stops once registered', () => {
    const peer = fakePeer();
    const keeper = reregistration(peer, new AbortController().signal);
    peer.onDisconnected = () => keeper.onDisconnected();
    peer.onOpen = () => keeper.onOpen();
    keeper.onDisconnected();
    vi.advanceTimersByTime(500 + 1000 + 2000 + 4000 + 5000);
    expect(peer.attempts).toEqual([500, 1500, 3500, 7500, 12500]);
    peer.serverUp = true;
    vi.advanceTimersByTime(5000);
    expect(peer.attempts).toHaveLength(6);
    vi.advanceTimersByTime(60_000);
    expect(peer.attempts).toHaveLength(6);
  });

  it('starts from the shortest delay after a success', () => {
    const peer = fakePeer();
    peer.serverUp = true;
    const keeper = reregistration(peer, new AbortController().signal);
    peer.onOpen = () => keeper.onOpen();
    keeper.onDisconnected();
    vi.advanceTimersByTime(500);
    peer.disconnected = true;
    keeper.onDisconnected();
    vi.advanceTimersByTime(499);
    expect(peer.attempts).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(peer.attempts).toHaveLength(2);
  });

  it('schedules one attempt however often it hears of the outage', () => {
    const peer = fakePeer();
    const keeper = reregistration(peer, new AbortController().signal);
    keeper.onDisconnected();
    keeper.onDisconnected();
    vi.advanceTimersByTime(500);
    expect(peer.attempts).toHaveLength(1);
  });

  it('does nothing once aborted, or for a destroyed peer', () => {
    const peer = fakePeer();
    const controller = new AbortController();
    const keeper = reregistration(peer, controller.signal);
    keeper.onDisconnected();
    controller.abort();
    vi.advanceTimersByTime(10_000);
    expect(peer.attempts).toHaveLength(0);

    const gone = fakePeer();
    gone.destroyed = true;
    reregistration(gone, new AbortController().signal).onDisconnected();
    vi.advanceTimersByTime(10_000);
    expect(gone.attempts).toHaveLength(0);
  });

  it('swallows a reconnect that throws', () => {
    const peer = fakePeer();
    peer.reconnect = () => {
      throw new Error('not disconnected');
    };
    reregistration(peer, new AbortController().signal).onDisconnected();
    expect(() => vi.advanceTimersByTime(500)).not.toThrow();
  });
});
