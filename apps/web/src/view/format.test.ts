import { describe, expect, it } from 'vitest';
import {
  basename,
  dirname,
  formatDuration,
  formatMs,
  formatTimestamp,
  printable,
  shortContainerId,
  splitNameTail,
  truncateEnd,
  truncateMiddle,
} from './format.ts';

describe('paths', () => {
  it('splits binaries into directory and name', () => {
    expect(basename('/usr/bin/whoami')).toBe('whoami');
    expect(dirname('/usr/bin/whoami')).toBe('/usr/bin/');
    expect(basename('<kernel>')).toBe('<kernel>');
    expect(dirname('<kernel>')).toBe('');
    expect(dirname('/init')).toBe('/');
  });
});

describe('printable', () => {
  it('escapes control characters and bidi overrides', () => {
    expect(printable('a\nb\tc')).toBe('a\\nb\\tc');
    expect(printable('\u001b[31mred')).toBe('\\x1b[31mred');
    expect(printable('evil\u202Egnp.exe')).toBe('evil\\u202egnp.exe');
  });

  it('leaves ordinary text, including markup, untouched (React renders it as text)', () => {
    expect(printable('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(printable('naïve café 🚀')).toBe('naïve café 🚀');
  });
});

describe('truncation', () => {
  it('cuts at the end with an ellipsis', () => {
    expect(truncateEnd('abcdef', 10)).toBe('abcdef');
    expect(truncateEnd('abcdef', 4)).toBe('abc…');
    expect(truncateEnd('🚀🚀🚀🚀', 3)).toBe('🚀🚀…');
  });

  it('keeps both ends in the middle variant', () => {
    expect(truncateMiddle('abcdefghij', 5)).toBe('ab…ij');
    expect(truncateMiddle('abc', 5)).toBe('abc');
  });
});

describe('times', () => {
  it('keeps the precision the timestamp had', () => {
    expect(formatTimestamp('2022-05-11T12:54:45.615Z')).toBe('2022-05-11 12:54:45.615 UTC');
    expect(formatTimestamp('2022-05-11T12:54:45.123456789Z')).toBe(
      '2022-05-11 12:54:45.123456789 UTC',
    );
    expect(formatTimestamp('2022-05-11T12:54:45Z')).toBe('2022-05-11 12:54:45 UTC');
    expect(formatTimestamp('2022-05-11T14:54:45.5+02:00')).toBe('2022-05-11 12:54:45.5 UTC');
    expect(formatTimestamp(null)).toBe('—');
  });

  it('formats durations', () => {
    expect(formatDuration('2022-05-11T12:54:45.615Z', '2022-05-11T12:54:45.616Z')).toBe('1 ms');
    expect(formatDuration('2022-05-11T12:00:00Z', '2022-05-11T12:01:30Z')).toBe('1m 30s');
    expect(formatDuration(null, '2022-05-11T12:01:30Z')).toBeNull();
    expect(formatMs(0.2)).toBe('<1 ms');
    expect(formatMs(2500)).toBe('2.50 s');
    expect(formatMs(3 * 3600_000 + 60_000)).toBe('3h 1m');
  });
});

describe('splitNameTail', () => {
  it('keeps the last dash segment of generated names', () => {
    expect(splitNameTail('storefront-7mqtwkvzrq-cppt4')).toEqual([
      'storefront-7mqtwkvzrq',
      '-cppt4',
    ]);
    expect(splitNameTail('redis-0')).toEqual(['redis', '-0']);
    expect(splitNameTail('xwing')).toEqual(['xwing', '']);
    expect(splitNameTail('a'.repeat(40))).toEqual(['a'.repeat(34), 'a'.repeat(6)]);
  });
});

describe('shortContainerId', () => {
  it('drops the runtime prefix', () => {
    expect(shortContainerId('containerd://1fb931d2f6e5e4cfdbaf')).toBe('1fb931d2f6e5');
  });
});
