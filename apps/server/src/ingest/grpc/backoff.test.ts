import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';

describe('Backoff', () => {
  it('starts at 0.5 s and doubles up to 30 s by default', () => {
    const backoff = new Backoff();
    const delays = Array.from({ length: 9 }, () => backoff.next());
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts over after reset', () => {
    const backoff = new Backoff({ initialMs: 10, maxMs: 25 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([10, 20, 25]);
    backoff.reset();
    expect(backoff.next()).toBe(10);
  });

  it('never waits longer than max, even when max is below the first delay', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 50 });
    expect([backoff.next(), backoff.next()]).toEqual([100, 100]);
  });
});
