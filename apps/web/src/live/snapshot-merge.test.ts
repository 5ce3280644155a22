import { describe, expect, it } from 'vitest';
import type { Process } from '@exectree/domain';
import { makeProcess } from '../test/fixtures.ts';
import { mergeSnapshot, sameJson } from './snapshot-merge.ts';

describe('mergeSnapshot', () => {
  it('keeps the objects of unchanged processes and lists what changed or went', () => {
    const a = makeProcess({ execId: 'a', flags: ['execve'] });
    const b = makeProcess({ execId: 'b' });
    const gone = makeProcess({ execId: 'gone' });
    const previous = new Map<string, Process>([
      ['a', a],
      ['b', b],
      ['gone', gone],
    ]);
    const merged = mergeSnapshot(previous, [
      structuredClone(a),
      { ...structuredClone(b), state: 'exited', status: 0 },
      makeProcess({ execId: 'new' }),
    ]);
    expect(merged.processes.get('a')).toBe(a);
    expect(merged.processes.get('b')).not.toBe(b);
    expect(merged.processes.get('b')?.state).toBe('exited');
    expect([...merged.processes.keys()]).toEqual(['a', 'b', 'new']);
    expect([...merged.changed].sort()).toEqual(['b', 'gone', 'new']);
  });

  it('compares nested values, arrays and missing keys', () => {
    expect(sameJson({ x: [1, { y: 2 }] }, { x: [1, { y: 2 }] })).toBe(true);
    expect(sameJson({ x: [1, { y: 2 }] }, { x: [1, { y: 3 }] })).toBe(false);
    expect(sameJson({ x: 1 }, { x: 1, z: undefined })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});
