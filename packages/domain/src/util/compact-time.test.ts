import { describe, expect, it } from 'vitest';
import { packNanos, packSeconds, unpackTime } from './compact-time.ts';

const roundTrip = (text: string | undefined) => unpackTime(packSeconds(text), packNanos(text));

describe('compact time', () => {
  it('packs the nanosecond shape into two small integers and back exactly', () => {
    const text = '2026-01-01T00:00:01.000000001Z';
    expect(typeof packSeconds(text)).toBe('number');
    expect(packNanos(text)).toBe(1);
    expect(roundTrip(text)).toBe(text);
    expect(roundTrip('1999-12-31T23:59:59.999999999Z')).toBe('1999-12-31T23:59:59.999999999Z');
  });

  it('keeps any other text as it is', () => {
    for (const text of [
      '2026-01-01T00:00:01Z',
      '2026-01-01T00:00:01.5Z',
      '2026-02-30T00:00:01.000000001Z',
      '2126-01-01T00:00:01.000000001Z',
      '2026-01-01T00:00:01.000000001+00:00',
      'not-a-time',
      '',
      // Date.UTC reads years 0-99 as 1900-1999: such a year must not pack as another one.
      '0090-01-01T00:00:00.000000000Z',
    ]) {
      expect(packSeconds(text)).toBe(text);
      expect(roundTrip(text)).toBe(text);
    }
    expect(roundTrip(undefined)).toBeUndefined();
  });
});

describe('compact time, every day', () => {
  it('round-trips each second boundary of every day from 1986 to 2053', () => {
    const wrong: string[] = [];
    for (let ms = Date.UTC(1986, 0, 1); ms < Date.UTC(2053, 11, 31); ms += 86_400_000 + 3_601_001) {
      const text = `${new Date(ms).toISOString().slice(0, 19)}.${String(ms % 1000).padStart(9, '0')}Z`;
      if (typeof packSeconds(text) !== 'number' || roundTrip(text) !== text) wrong.push(text);
    }
    expect(wrong).toEqual([]);
  });
});
