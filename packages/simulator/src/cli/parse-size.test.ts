import { describe, expect, it } from 'vitest';
import { parseSize } from './parse-size.ts';

describe('parseSize', () => {
  it('reads plain bytes and binary suffixes', () => {
    expect(parseSize('1000')).toBe(1000);
    expect(parseSize('512k')).toBe(512 * 1024);
    expect(parseSize('512K')).toBe(512 * 1024);
    expect(parseSize('100MB')).toBe(100 * 1024 * 1024);
    expect(parseSize('2MiB')).toBe(2 * 1024 * 1024);
    expect(parseSize('1.5G')).toBe(1.5 * 1024 ** 3);
    expect(parseSize(' 64kb ')).toBe(64 * 1024);
  });

  it('rejects anything else', () => {
    for (const text of ['', 'MB', '-1', '10 TB', '1e6', 'ten', '5x']) {
      expect(parseSize(text)).toBeUndefined();
    }
  });
});
