import { describe, expect, test } from 'vitest';
import { afterSilence, nextAttemptDelay, RECONNECT_WINDOW_MS } from '../../src/shared/reconnect.js';

describe('a guest whose host fell silent', () => {
  test('reconnects when the host is alive or nothing is known; ends when the server knows better', () => {
    expect(afterSilence('alive')).toBe('reconnect');
    expect(afterSilence('unreachable')).toBe('reconnect');
    expect(afterSilence('gone')).toBe('end');
    expect(afterSilence('silent')).toBe('end');
  });

  test('retries with the re-registration backoff, within a bounded window', () => {
    expect(nextAttemptDelay(0, 0, 0)).toBe(500);
    expect(nextAttemptDelay(3, 0, 10_000)).toBe(4_000);
    expect(nextAttemptDelay(9, 0, 20_000)).toBe(5_000);
    expect(nextAttemptDelay(9, 0, RECONNECT_WINDOW_MS - 1_000)).toBeNull();
    expect(nextAttemptDelay(0, 0, 1_000, 1_200)).toBeNull();
  });
});
