/**
 * A token bucket as plain data: `capacity` tokens, refilled at `perSecond`. Pure, so the same
 * code limits proof attempts now and input events later, and tests need no clock.
 */
export interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface BucketRule {
  capacity: number;
  perSecond: number;
}

export const fullBucket = (rule: BucketRule, now: number): Bucket => ({
  tokens: rule.capacity,
  updatedAt: now,
});

/** Takes one token if there is one; returns the bucket after, and whether it was allowed. */
export function take(
  bucket: Bucket,
  rule: BucketRule,
  now: number,
): { bucket: Bucket; allowed: boolean } {
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
  const tokens = Math.min(rule.capacity, bucket.tokens + elapsed * rule.perSecond);
  if (tokens < 1) return { bucket: { tokens, updatedAt: now }, allowed: false };
  return { bucket: { tokens: tokens - 1, updatedAt: now }, allowed: true };
}
