import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from './timestamp.ts';

describe('formatTimestamp', () => {
  it.each([
    [1_652_273_253, 0, '2022-05-11T12:47:33Z'],
    [1_652_273_253, 615_000_000, '2022-05-11T12:47:33.615Z'],
    [1_652_273_253, 615_300_000, '2022-05-11T12:47:33.615300Z'],
    [1_652_273_253, 615_300_001, '2022-05-11T12:47:33.615300001Z'],
    [1_652_273_253, 1, '2022-05-11T12:47:33.000000001Z'],
    [1_652_273_253, 1_000, '2022-05-11T12:47:33.000001Z'],
    [1_652_273_253, 1_000_000, '2022-05-11T12:47:33.001Z'],
    [0, 0, '1970-01-01T00:00:00Z'],
    [-1, 500_000_000, '1969-12-31T23:59:59.500Z'],
    [-62_135_596_800, 0, '0001-01-01T00:00:00Z'],
    [253_402_300_799, 999_999_999, '9999-12-31T23:59:59.999999999Z'],
  ])('%s s + %s ns is %s', (seconds, nanos, expected) => {
    expect(formatTimestamp(seconds, nanos)).toBe(expected);
    expect(formatTimestamp(String(seconds), nanos)).toBe(expected);
  });

  it('rejects what protojson cannot write', () => {
    expect(() => formatTimestamp('253402300800', 0)).toThrow(RangeError);
    expect(() => formatTimestamp(-62_135_596_801, 0)).toThrow(RangeError);
    expect(() => formatTimestamp(0, 1_000_000_000)).toThrow(RangeError);
    expect(() => formatTimestamp(0, -1)).toThrow(RangeError);
    expect(() => formatTimestamp('twelve', 0)).toThrow(RangeError);
  });
});

describe('parseTimestamp', () => {
  it.each([
    '2022-05-11T12:54:45.615Z',
    '2024-04-14T02:18:14.376304204Z',
    '2023-10-06T21:52:41Z',
    '2023-10-06T21:52:41.000001Z',
    '1969-12-31T23:59:59.500Z',
  ])('round-trips %s', (text) => {
    const { seconds, nanos } = parseTimestamp(text);
    expect(formatTimestamp(seconds, nanos)).toBe(text);
  });

  it('reads offsets and odd digit counts', () => {
    expect(parseTimestamp('2022-05-11T14:54:45.6+02:00')).toEqual({
      seconds: String(Date.UTC(2022, 4, 11, 12, 54, 45) / 1000),
      nanos: 600_000_000,
    });
  });

  it('rejects anything else', () => {
    expect(() => parseTimestamp('2022-05-11 12:54:45Z')).toThrow(RangeError);
    expect(() => parseTimestamp('2022-13-11T12:54:45Z')).toThrow(RangeError);
    expect(() => parseTimestamp('')).toThrow(RangeError);
  });
});
