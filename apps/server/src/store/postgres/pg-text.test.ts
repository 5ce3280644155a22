import { describe, expect, it } from 'vitest';
import { fromPgText, toPgText } from './pg-text.ts';

const NUL = String.fromCharCode(0);
const SOH = String.fromCharCode(1);

describe('text without U+0000 for PostgreSQL', () => {
  const samples = [
    '',
    'plain',
    `a${NUL}b`,
    `${SOH}`,
    `${NUL}${SOH}${NUL}`,
    `x${SOH}${SOH}y`,
    'ä€😀',
  ];

  it('round-trips and never contains U+0000', () => {
    for (const sample of samples) {
      expect(toPgText(sample)).not.toContain(NUL);
      expect(fromPgText(toPgText(sample))).toBe(sample);
    }
  });

  it('keeps the order of strings', () => {
    const sorted = [...samples, 'a', `a${NUL}`, `a${SOH}`, 'a\u0002', 'b'].sort();
    const encoded = sorted.map(toPgText);
    expect([...encoded].sort()).toEqual(encoded);
  });
});
