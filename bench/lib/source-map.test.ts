import { describe, expect, it } from 'vitest';
import { decodeVlq, parseSourceMap } from './source-map.ts';

describe('source map lookups', () => {
  it('decodes VLQ segments and maps generated positions to original lines', () => {
    expect(decodeVlq('AAgBC')).toEqual([0, 0, 16, 1]);
    expect(decodeVlq('D')).toEqual([-1]);
    const map = parseSourceMap(
      JSON.stringify({ sources: ['../src/a.ts', '../src/b.ts'], mappings: 'AAAA,KACA;ACAA' }),
    );
    expect(map.lookup(0, 0)).toBe('src/a.ts:1');
    expect(map.lookup(0, 7)).toBe('src/a.ts:2');
    expect(map.lookup(1, 3)).toBe('src/b.ts:2');
    expect(map.lookup(5, 0)).toBeUndefined();
  });
});
