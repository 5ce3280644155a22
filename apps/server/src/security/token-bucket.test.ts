import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket.ts';

describe('TokenBuckets', () => {
  it('lets a burst through, then refills at the rate, per key', () => {
    let now = 0;
    const buckets = new TokenBuckets({ ratePerSecond: 10, capacity: 20, now: () => now });
    expect(buckets.take('a', 20)).toEqual({ ok: true });
    expect(buckets.take('a', 5)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(buckets.take('b', 5)).toEqual({ ok: true });
    now = 500;
    expect(buckets.take('a', 5)).toEqual({ ok: true });
    expect(buckets.take('a', 15)).toEqual({ ok: false, retryAfterSeconds: 2 });
  });

  it('charges work done even below zero, and keeps a bounded number of keys', () => {
    let now = 0;
    const buckets = new TokenBuckets({ ratePerSecond: 1, capacity: 2, maxKeys: 3, now: () => now });
    buckets.charge('a', 10);
    expect(buckets.take('a', 1)).toEqual({ ok: false, retryAfterSeconds: 9 });
    for (const key of ['b', 'c', 'd', 'e']) buckets.take(key, 1);
    expect(buckets.size).toBeLessThanOrEqual(3);
    now = 60_000;
    expect(buckets.take('a', 1)).toEqual({ ok: true });
  });
});
