import { describe, expect, it } from 'vitest';
import { makeProcess } from '../test/fixtures.ts';
import { aliveIn, endKeyOf, isoFromMs, parseRange, rangeFromMs, sameRange } from './time-range.ts';

const range = { from: '2024-01-01T00:00:10Z', to: '2024-01-01T00:00:20Z' };

describe('parseRange', () => {
  it('accepts RFC 3339 bounds, keeping nanoseconds, and swaps reversed ones', () => {
    const from = '2024-01-01T00:00:10.123456789Z';
    const to = '2024-01-01T00:00:20Z';
    expect(parseRange(from, to)).toEqual({ from, to });
    expect(parseRange(to, from)).toEqual({ from, to });
  });

  it('rejects missing and malformed bounds', () => {
    expect(parseRange(null, '2024-01-01T00:00:20Z')).toBeNull();
    expect(parseRange('yesterday', '2024-01-01T00:00:20Z')).toBeNull();
  });

  it('builds ranges from milliseconds in order', () => {
    const a = Date.UTC(2024, 0, 1, 0, 0, 20);
    const b = Date.UTC(2024, 0, 1, 0, 0, 10, 5);
    expect(rangeFromMs(a, b)).toEqual({
      from: '2024-01-01T00:00:10.005Z',
      to: '2024-01-01T00:00:20.000Z',
    });
    expect(isoFromMs(0.6)).toBe('1970-01-01T00:00:00.001Z');
    expect(sameRange(range, { ...range })).toBe(true);
    expect(sameRange(range, null)).toBe(false);
    expect(sameRange(null, null)).toBe(true);
  });
});

describe('aliveIn', () => {
  const at = (s: number) => `2024-01-01T00:00:${String(s).padStart(2, '0')}Z`;

  it('keeps processes whose run overlaps the range, bounds included', () => {
    const p = (start: number, end: number | null) =>
      makeProcess({
        execId: 'p',
        startTime: at(start),
        state: end === null ? 'running' : 'exited',
        exitTime: end === null ? null : at(end),
        status: end === null ? null : 0,
      });
    expect(aliveIn(p(1, 5), range)).toBe(false);
    expect(aliveIn(p(1, 10), range)).toBe(true);
    expect(aliveIn(p(12, 15), range)).toBe(true);
    expect(aliveIn(p(20, 30), range)).toBe(true);
    expect(aliveIn(p(21, 30), range)).toBe(false);
    expect(aliveIn(p(1, null), range)).toBe(true);
    expect(aliveIn(p(25, null), range)).toBe(false);
  });

  it('compares at nanosecond precision', () => {
    const p = makeProcess({
      execId: 'p',
      startTime: '2024-01-01T00:00:20.000000001Z',
      state: 'running',
    });
    expect(aliveIn(p, range)).toBe(false);
  });

  it('treats an unknown start as long ago', () => {
    expect(aliveIn(makeProcess({ execId: 'p', startTime: null }), range)).toBe(true);
  });

  it('ends a replaced image where its replacement starts', () => {
    const old = makeProcess({
      execId: 'old',
      startTime: at(1),
      state: 'replaced',
      replacedBy: 'new',
    });
    const next = makeProcess({ execId: 'new', startTime: at(12) });
    const lookup = (id: string) => (id === 'new' ? next : undefined);
    expect(endKeyOf(old, lookup)).toBe('2024-01-01T00:00:12.000000000Z');
    expect(aliveIn(old, range, lookup)).toBe(true);
    // Without the replacement it is taken to end where it started.
    expect(aliveIn(old, range)).toBe(false);
  });
});
