import { describe, expect, it } from 'vitest';
import { compareTime, timeKey, timeMs } from './time.ts';

describe('timeKey', () => {
  it('returns the canonical nanosecond shape unchanged', () => {
    expect(timeKey('2026-01-01T00:00:01.000000001Z')).toBe('2026-01-01T00:00:01.000000001Z');
  });

  it('widens shorter fractions and normalises offsets to the same key', () => {
    expect(timeKey('2026-01-01T00:00:01Z')).toBe('2026-01-01T00:00:01.000000000Z');
    expect(timeKey('2026-01-01t00:00:01.5z')).toBe('2026-01-01T00:00:01.500000000Z');
    expect(timeKey('2026-01-01T02:00:01.000000001+02:00')).toBe('2026-01-01T00:00:01.000000001Z');
  });

  it('rejects near misses of the canonical shape', () => {
    for (const text of [
      '2026-01-01T00:00:01.00000000xZ',
      '2026-01-01T00:00:01,000000001Z',
      '2026-01-01T00:00:01.000000001+',
      'not-a-time',
      '',
    ]) {
      expect(timeKey(text)).toBe('');
    }
  });

  it('orders instants, not text', () => {
    expect(compareTime('2026-01-01T00:00:01.5Z', '2026-01-01T00:00:01.000000001Z')).toBe(1);
    expect(compareTime('2026-01-01T00:00:01Z', '2026-01-01T00:00:01.000Z')).toBe(0);
    expect(timeMs('2026-01-01T00:00:01.123456789Z')).toBe(Date.UTC(2026, 0, 1, 0, 0, 1, 123));
  });
});
