/**
 * Per-client token buckets for the API (tickets and TURN credentials), on the shared pure bucket.
 * Full buckets are forgotten once the map grows, so a flood of addresses cannot grow it forever.
 */
import { type Bucket, type BucketRule, fullBucket, take } from '../src/shared/token-bucket.js';

/** 20 requests at once, then one every 3 s: a whole office behind one address can still join. */
export const API_RATE: BucketRule = { capacity: 20, perSecond: 1 / 3 };
const SWEEP_AT = 10_000;

export interface RateLimiter {
  /** Whether this client may make one more request now. */
  allow(client: string): boolean;
}

export function createRateLimiter(
  rule: BucketRule = API_RATE,
  now = () => Date.now(),
): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const sweep = (at: number) => {
    for (const [client, bucket] of buckets) {
      if (take(bucket, rule, at).bucket.tokens + 1 >= rule.capacity) buckets.delete(client);
    }
  };
  return {
    allow(client) {
      const at = now();
      if (buckets.size >= SWEEP_AT) sweep(at);
      const result = take(buckets.get(client) ?? fullBucket(rule, at), rule, at);
      buckets.set(client, result.bucket);
      return result.allowed;
    },
  };
}
