import { describe, expect, it } from 'vitest';
import { API_RATE, createRateLimiter } from '../../../server/rate-limiter.js';

describe('the API rate limiter', () => {
  it('lets a burst through per client, then one request per refill', () => {
    let now = 0;
    const limiter = createRateLimiter(API_RATE, () => now);
    const burst = Array.from({ length: API_RATE.capacity + 1 }, () => limiter.allow('a'));
    expect(burst.filter(Boolean)).toHaveLength(API_RATE.capacity);
    expect(burst.at(-1)).toBe(false);
    expect(limiter.allow('b')).toBe(true);
    now += 1000 / API_RATE.perSecond;
    expect(limiter.allow('a')).toBe(true);
    expect(limiter.allow('a')).toBe(false);
  });

  it('forgets idle clients once many have come, and still limits a busy one', () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 2, perSecond: 1 }, () => now);
    expect(limiter.allow('busy')).toBe(true);
    expect(limiter.allow('busy')).toBe(true);
    for (let i = 0; i < 10_050; i++) limiter.allow(`client-${i}`);
    expect(limiter.allow('busy')).toBe(false);
    now += 10_000;
    expect(limiter.allow('busy')).toBe(true);
  });
});
