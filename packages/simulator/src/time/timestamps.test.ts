import { describe, expect, it } from 'vitest';
import { MILLISECOND, SECOND } from './ns.ts';
import { Timestamps } from './timestamps.ts';

const ts = new Timestamps(new Date('2026-01-01T00:00:00Z'));

describe('Timestamps', () => {
  it('uses the shortest exact fraction, as protojson does', () => {
    expect(ts.format(0)).toBe('2026-01-01T00:00:00Z');
    expect(ts.format(3 * SECOND + 120 * MILLISECOND)).toBe('2026-01-01T00:00:03.120Z');
    expect(ts.format(3 * SECOND + 123_456_000)).toBe('2026-01-01T00:00:03.123456Z');
    expect(ts.format(3 * SECOND + 123_456_789)).toBe('2026-01-01T00:00:03.123456789Z');
    expect(ts.format(5)).toBe('2026-01-01T00:00:00.000000005Z');
  });

  it('handles times before the start (procFS history)', () => {
    expect(ts.format(-1)).toBe('2025-12-31T23:59:59.999999999Z');
    expect(ts.format(-86_400 * SECOND)).toBe('2025-12-31T00:00:00Z');
  });

  it('adds a start time with milliseconds exactly', () => {
    const odd = new Timestamps(new Date('2026-01-01T00:00:00.750Z'));
    expect(odd.format(250 * MILLISECOND + 1)).toBe('2026-01-01T00:00:01.000000001Z');
  });

  it('truncates container start times to whole seconds', () => {
    expect(ts.formatWholeSecond(41 * SECOND + 999 * MILLISECOND)).toBe('2026-01-01T00:00:41Z');
    expect(ts.formatWholeSecond(-1)).toBe('2025-12-31T23:59:59Z');
  });
});
