import { describe, expect, it } from 'vitest';
import { Prng, prngFor } from './prng.ts';

function take(rng: Prng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('Prng', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    expect(take(new Prng(42), 50)).toEqual(take(new Prng(42), 50));
    expect(take(new Prng(42), 50)).not.toEqual(take(new Prng(43), 50));
  });

  it('yields unsigned 32-bit integers and floats in [0, 1)', () => {
    const rng = new Prng(7);
    for (let i = 0; i < 10_000; i++) {
      const n = rng.next();
      expect(Number.isInteger(n) && n >= 0 && n < 2 ** 32).toBe(true);
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
  });

  it('keeps int() within bounds and covers them roughly evenly', () => {
    const rng = new Prng(3);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const n = rng.int(0, 9);
      counts[n] = (counts[n] ?? 0) + 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan(9_000);
    for (const count of counts) expect(count).toBeLessThan(11_000);
  });

  it('follows weights and the exponential mean', () => {
    const rng = new Prng(11);
    let heavy = 0;
    let sum = 0;
    for (let i = 0; i < 50_000; i++) {
      if (
        rng.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
      sum += rng.exponential(5);
    }
    expect(heavy / 50_000).toBeCloseTo(0.9, 1);
    expect(sum / 50_000).toBeCloseTo(5, 0);
  });

  it('derives independent generators per purpose and per fork', () => {
    expect(take(prngFor(1, 'world'), 5)).toEqual(take(prngFor(1, 'world'), 5));
    expect(take(prngFor(1, 'world'), 5)).not.toEqual(take(prngFor(1, 'chaos'), 5));
    expect(take(prngFor(1, 'world'), 5)).not.toEqual(take(prngFor(2 ** 40 + 1, 'world'), 5));
    const parent = new Prng(5);
    expect(take(parent.fork(), 5)).not.toEqual(take(parent.fork(), 5));
  });

  it('formats hex of the requested length', () => {
    expect(new Prng(1).hex(64)).toMatch(/^[0-9a-f]{64}$/);
  });
});
