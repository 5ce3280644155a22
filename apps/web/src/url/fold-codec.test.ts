import { describe, expect, it } from 'vitest';
import { decodeFolds, encodeFolds, MAX_FOLD_CHARS, NO_FOLDS, sameFolds } from './fold-codec.ts';

// Exec ids of one node share their base64 head ("node-1:<ktime>:<pid>").
const execId = (ktime: number, pid: number) => btoa(`kind-worker-node-1:${ktime}:${pid}`);
const A = execId(9079225623269, 43872);
const B = execId(9079225629001, 43901);
const GROUP = `group:${A}:/bin/sh(/usr/bin/pg_isready)`;

const folds = (collapsed: string[], expanded: string[] = []) => ({
  collapsed: new Set(collapsed),
  expanded: new Set(expanded),
});

describe('fold codec', () => {
  it('encodes nothing for no folds, and decodes nothing back', () => {
    expect(encodeFolds(NO_FOLDS)).toBe('');
    expect(decodeFolds('')).toEqual(NO_FOLDS);
    expect(decodeFolds(null)).toEqual(NO_FOLDS);
  });

  it('round-trips closed processes and opened groups', () => {
    const given = folds([A, B], [GROUP]);
    const value = encodeFolds(given);
    const decoded = decodeFolds(value);
    expect(sameFolds(decoded, given)).toBe(true);
    expect([...decoded.expanded]).toEqual([GROUP]);
  });

  it('writes each id after the first as its tail only', () => {
    const value = encodeFolds(folds([A, B], [GROUP]));
    const full = A.length + B.length + GROUP.length;
    expect(value.length).toBeLessThan(full * 0.7);
    expect(value.split('!')).toHaveLength(3);
    expect(value.startsWith('c0.')).toBe(true);
  });

  it('keeps "!" and other odd characters inside ids', () => {
    const odd = folds(['a!b', 'a!!', '!', 'x.y'], ['group:p:/bin/we!rd(ü, x)']);
    const decoded = decodeFolds(encodeFolds(odd));
    expect(sameFolds(decoded, odd)).toBe(true);
  });

  it('ignores ids in the expanded set that are not groups', () => {
    expect(decodeFolds(encodeFolds(folds([], ['not-a-group', GROUP]))).expanded).toEqual(
      new Set([GROUP]),
    );
  });

  it('caps the value, keeping the most recent choices', () => {
    const many = Array.from({ length: 400 }, (_, i) => execId(9079225623269 + i * 7919, 1000 + i));
    const value = encodeFolds(folds(many));
    expect(encodeURIComponent(value).length).toBeLessThanOrEqual(MAX_FOLD_CHARS);
    const kept = decodeFolds(value).collapsed;
    expect(kept.size).toBeGreaterThan(20);
    expect(kept.size).toBeLessThan(many.length);
    // Sets list choices oldest first: the newest are the ones kept.
    expect(kept.has(many[many.length - 1] ?? '')).toBe(true);
    expect(kept.has(many[0] ?? '')).toBe(false);
    expect(encodeFolds(folds(many), 40).length).toBeLessThanOrEqual(40);
  });

  it('decodes malformed values to no folds', () => {
    for (const bad of ['x0.abc', 'c.abc', 'c0abc', 'c5.ab', 'c0.abc!cz.d', 'c0.', 'c0.a!']) {
      expect(decodeFolds(bad)).toEqual(NO_FOLDS);
    }
  });

  it('compares folds by content', () => {
    expect(sameFolds(folds([A, B]), folds([B, A]))).toBe(true);
    expect(sameFolds(folds([A]), folds([], [A]))).toBe(false);
    expect(sameFolds(folds([A]), folds([A, B]))).toBe(false);
  });
});
