import { describe, expect, it } from 'vitest';
import { Prng } from '../prng.ts';
import { generateLines } from '../simulate.ts';
import { tryParseEvent } from '../test-support/events.ts';
import { malform } from './malformed.ts';

describe('malform', () => {
  it('always yields a line that is not a well-formed event', () => {
    const lines = generateLines({ seed: 1, count: 300 });
    const rng = new Prng(4);
    const kinds = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      const line = lines[i % lines.length] ?? '';
      const bad = malform(line, rng);
      expect(bad).not.toBe(line);
      expect(bad.includes('\n')).toBe(false);
      expect(tryParseEvent(bad)).toBeUndefined();
      let parses = true;
      try {
        JSON.parse(bad);
      } catch {
        parses = false;
      }
      kinds.add(parses ? 'wrong types' : 'not JSON');
    }
    expect(kinds).toEqual(new Set(['wrong types', 'not JSON']));
  });
});
