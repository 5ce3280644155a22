import { describe, expect, it } from 'vitest';
import { linearFit, median, percentile, summarize } from './stats.ts';

describe('stats', () => {
  it('summarizes to median, min and max whatever the order', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
    expect(summarize([7])).toEqual({ median: 7, min: 7, max: 7, n: 1 });
  });

  it('interpolates percentiles between ranks', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(percentile(values, 0)).toBe(0);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([10, 20], 50)).toBe(15);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('refuses empty input, NaN and out-of-range percentiles', () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('fits a line', () => {
    expect(linearFit([0, 1, 2], [1, 3, 5])).toEqual({ slope: 2, intercept: 1 });
    expect(() => linearFit([1, 1], [2, 3])).toThrow(RangeError);
  });
});
