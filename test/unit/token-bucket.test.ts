import { describe, expect, it } from 'vitest';
import { type Bucket, type BucketRule, fullBucket, take } from '../../src/shared/token-bucket.js';

const T0 = 1_700_000_000_000;
/** Three at once, then one every half second. */
const RULE: BucketRule = { capacity: 3, perSecond: 2 };

/** Takes at each time in turn; returns which were allowed and the bucket after. */
function takeAt(times: number[], rule = RULE, start = fullBucket(rule, T0)) {
  let bucket = start;
  const allowed: boolean[] = [];
  for (const now of times) {
    const result = take(bucket, rule, now);
    bucket = result.bucket;
    allowed.push(result.allowed);
  }
  return { allowed, bucket };
}

describe('fullBucket', () => {
  it('starts with the whole capacity at the time given', () => {
    expect(fullBucket(RULE, T0)).toEqual({ tokens: 3, updatedAt: T0 });
  });
});

describe('take', () => {
  it.each([
    ['the capacity at once, then no more', [0, 0, 0, 0, 0], [true, true, true, false, false]],
    ['one more after the refill interval', [0, 0, 0, 0, 500], [true, true, true, false, true]],
    ['nothing just before the refill interval', [0, 0, 0, 499], [true, true, true, false]],
    ['two after two intervals', [0, 0, 0, 1000, 1000, 1000], [true, true, true, true, true, false]],
    [
      'refills that add up across refused attempts',
      [0, 0, 0, 125, 250, 375, 500],
      [true, true, true, false, false, false, true],
    ],
    [
      'a steady one every interval, forever',
      [0, 0, 0, 500, 1000, 1500, 2000, 2500],
      [true, true, true, true, true, true, true, true],
    ],
    [
      'the capacity again after a long pause, not more',
      [0, 0, 0, 3_600_000, 3_600_000, 3_600_000, 3_600_000],
      [true, true, true, true, true, true, false],
    ],
  ])('allows %s', (_, offsets, expected) => {
    expect(takeAt(offsets.map((offset) => T0 + offset)).allowed).toEqual(expected);
  });

  it('takes exactly one token and records the time', () => {
    expect(take({ tokens: 2.5, updatedAt: T0 }, RULE, T0)).toEqual({
      bucket: { tokens: 1.5, updatedAt: T0 },
      allowed: true,
    });
  });

  it('keeps the refill earned so far when it refuses', () => {
    expect(take({ tokens: 0, updatedAt: T0 }, RULE, T0 + 250)).toEqual({
      bucket: { tokens: 0.5, updatedAt: T0 + 250 },
      allowed: false,
    });
  });

  it('never holds more than the capacity', () => {
    for (const wait of [0, 1, 500, 1500, 60_000, 86_400_000, Number.MAX_SAFE_INTEGER - T0]) {
      const { bucket } = take({ tokens: 3, updatedAt: T0 }, RULE, T0 + wait);
      expect(bucket.tokens, `after ${wait} ms`).toBeLessThanOrEqual(RULE.capacity - 1);
    }
    const { bucket } = take({ tokens: 0, updatedAt: T0 }, RULE, T0 + 86_400_000);
    expect(bucket.tokens).toBe(RULE.capacity - 1);
  });

  it('never goes below zero, however hard it is hammered', () => {
    const times = Array.from({ length: 1000 }, (_, i) => T0 + i);
    const { allowed, bucket } = takeAt(times);
    expect(bucket.tokens).toBeGreaterThanOrEqual(0);
    // 3 at once, plus 2 per second over the 999 ms the attempts took.
    expect(allowed.filter(Boolean)).toHaveLength(4);
  });

  it('lets through no more than the capacity plus the rate over a long run', () => {
    // An attempt every 125 ms for 60 s: 3 at once, then 2 a second.
    const times = Array.from({ length: 481 }, (_, i) => T0 + i * 125);
    expect(takeAt(times).allowed.filter(Boolean)).toHaveLength(3 + 2 * 60);
  });

  it('never refills at a rate of zero', () => {
    const rule = { capacity: 1, perSecond: 0 };
    expect(takeAt([T0, T0 + 1000, T0 + 86_400_000], rule).allowed).toEqual([true, false, false]);
  });

  it('allows nothing with a capacity below one', () => {
    const rule = { capacity: 0.5, perSecond: 10 };
    expect(takeAt([T0, T0 + 1000], rule).allowed).toEqual([false, false]);
  });

  it('does not change the bucket it was given', () => {
    const bucket: Bucket = { tokens: 2, updatedAt: T0 };
    take(bucket, RULE, T0 + 1000);
    take(bucket, RULE, T0 - 1000);
    expect(bucket).toEqual({ tokens: 2, updatedAt: T0 });
  });

  it('gives the same answer for the same bucket and time, with no clock of its own', () => {
    const bucket: Bucket = { tokens: 0.75, updatedAt: T0 };
    expect(take(bucket, RULE, T0 + 100)).toEqual(take(bucket, RULE, T0 + 100));
  });
});

describe('take with a clock that goes backwards', () => {
  it.each([1, 500, 60_000, T0])('neither refills nor drains when it jumps back %i ms', (back) => {
    const { bucket, allowed } = take({ tokens: 1.5, updatedAt: T0 }, RULE, T0 - back);
    expect(allowed).toBe(true);
    expect(bucket.tokens).toBe(0.5);
    expect(Number.isFinite(bucket.tokens)).toBe(true);
  });

  it('gives no tokens for the jump when the bucket is empty', () => {
    expect(take({ tokens: 0, updatedAt: T0 }, RULE, T0 - 3_600_000).allowed).toBe(false);
  });

  it('refills at the usual rate from the new reading, without locking anyone out', () => {
    const empty: Bucket = { tokens: 0, updatedAt: T0 };
    const back = T0 - 3_600_000;
    const { allowed } = takeAt([back, back + 499, back + 500, back + 500], RULE, empty);
    expect(allowed).toEqual([false, false, true, false]);
  });

  it('survives a clock that swings back and forth without ever exceeding the capacity', () => {
    const swings = [0, -1000, 10, -5000, 20, -1, 3_600_000, 0, 3_600_000].map((d) => T0 + d);
    let bucket = fullBucket(RULE, T0);
    for (const now of swings) {
      const result = take(bucket, RULE, now);
      bucket = result.bucket;
      expect(bucket.tokens).toBeGreaterThanOrEqual(0);
      expect(bucket.tokens).toBeLessThanOrEqual(RULE.capacity);
    }
  });
});
