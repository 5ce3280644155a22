import { describe, expect, it } from 'vitest';
import { memoizeRecent } from './memo.ts';

describe('memoizeRecent', () => {
  it('keeps the results of the last two argument lists', () => {
    let calls = 0;
    const double = memoizeRecent((x: object) => {
      calls += 1;
      return { x };
    });
    const a = {};
    const b = {};
    const c = {};
    const first = double(a);
    double(b);
    expect(double(a)).toBe(first);
    expect(calls).toBe(2);
    double(c); // a was used more recently than b, so b is dropped
    double(a);
    expect(calls).toBe(3);
    double(b);
    expect(calls).toBe(4);
  });
});
