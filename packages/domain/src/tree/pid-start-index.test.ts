import { describe, expect, it } from 'vitest';
import { PidStartIndex } from './pid-start-index.ts';

describe('PidStartIndex', () => {
  const keys = new Map<string, string>();
  const keyOf = (id: string) => keys.get(id);

  it('finds processes by key, and only those whose key matches when hashes collide', () => {
    keys.clear();
    const index = new PidStartIndex(keyOf, () => 0);
    index.activate([]);
    for (const [id, key] of [
      ['a', 'n:1:t'],
      ['b', 'n:2:t'],
      ['c', 'n:1:t'],
    ] as const) {
      keys.set(id, key);
      index.add(key, id);
    }
    index.add('n:1:t', 'a');
    expect(index.matches('n:1:t')).toEqual(['a', 'c']);
    expect(index.has('n:2:t')).toBe(true);
    expect(index.has('n:3:t')).toBe(false);
    index.remove('n:1:t', 'a');
    index.remove('n:2:t', 'b');
    expect(index.matches('n:1:t')).toEqual(['c']);
    expect(index.has('n:2:t')).toBe(false);
  });

  it('drops a key once its last process is removed', () => {
    keys.clear();
    keys.set('a', 'n:1:t');
    const index = new PidStartIndex(keyOf);
    index.activate([]);
    index.add('n:1:t', 'a');
    index.remove('n:1:t', 'a');
    index.remove('n:1:t', 'a');
    expect(index.matches('n:1:t')).toEqual([]);
  });

  it('stays empty until activated, then holds what it was activated with', () => {
    keys.clear();
    keys.set('a', 'n:1:t');
    keys.set('b', 'n:2:t');
    const index = new PidStartIndex(keyOf);
    index.add('n:1:t', 'a');
    expect(index.has('n:1:t')).toBe(false);
    index.activate([['n:1:t', 'a']]);
    index.add('n:2:t', 'b');
    expect(index.active).toBe(true);
    expect([index.has('n:1:t'), index.has('n:2:t')]).toEqual([true, true]);
  });
});
