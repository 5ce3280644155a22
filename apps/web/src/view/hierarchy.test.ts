import { describe, expect, it } from 'vitest';
import { at, makeProcess } from '../test/fixtures.ts';
import { buildForest, countNodes, type ProcessNode } from './hierarchy.ts';

const ids = (nodes: readonly ProcessNode[]) => nodes.map((n) => n.process.execId);

describe('buildForest', () => {
  it('joins children to parents by exec id, ordered by start time', () => {
    const roots = buildForest([
      makeProcess({ execId: 'c2', parentExecId: 'p', startTime: at(3) }),
      makeProcess({ execId: 'p', startTime: at(1) }),
      makeProcess({ execId: 'c1', parentExecId: 'p', startTime: at(2) }),
    ]);
    expect(ids(roots)).toEqual(['p']);
    expect(roots[0]?.rootReason).toBe('top');
    expect(ids(roots[0]?.children ?? [])).toEqual(['c1', 'c2']);
  });

  it('makes processes whose parent is not in the list roots (orphans)', () => {
    const roots = buildForest([
      makeProcess({ execId: 'a', parentExecId: 'host-shim', startTime: at(1) }),
      makeProcess({ execId: 'b', parentExecId: 'elsewhere', startTime: at(2) }),
      makeProcess({ execId: 'a1', parentExecId: 'a', startTime: at(3) }),
    ]);
    expect(ids(roots)).toEqual(['a', 'b']);
    expect(roots.map((r) => r.rootReason)).toEqual(['external', 'external']);
    expect(ids(roots[0]?.children ?? [])).toEqual(['a1']);
  });

  it('treats a process that names itself as parent (<kernel>) as a root', () => {
    const roots = buildForest([
      makeProcess({ execId: 'k', parentExecId: 'k', binary: '<kernel>' }),
      makeProcess({ execId: 'x', parentExecId: 'k', startTime: at(5) }),
    ]);
    expect(ids(roots)).toEqual(['k']);
    expect(roots[0]?.rootReason).toBe('top');
    expect(ids(roots[0]?.children ?? [])).toEqual(['x']);
  });

  it('cuts a parent loop at its earliest process and keeps every node once', () => {
    const roots = buildForest([
      makeProcess({ execId: 'a', parentExecId: 'b', startTime: at(2) }),
      makeProcess({ execId: 'b', parentExecId: 'c', startTime: at(1) }),
      makeProcess({ execId: 'c', parentExecId: 'a', startTime: at(3) }),
      makeProcess({ execId: 'tail', parentExecId: 'c', startTime: at(9) }),
    ]);
    expect(ids(roots)).toEqual(['b']);
    expect(roots[0]?.rootReason).toBe('cycle');
    expect(countNodes(roots)).toBe(4);
    // b -> a -> c -> tail
    const a = roots[0]?.children[0];
    expect(a?.process.execId).toBe('a');
    expect(ids(a?.children ?? [])).toEqual(['c']);
    expect(ids(a?.children[0]?.children ?? [])).toEqual(['tail']);
  });

  it('handles a two-process loop next to a normal tree', () => {
    const roots = buildForest([
      makeProcess({ execId: 'x', parentExecId: 'y', startTime: at(1) }),
      makeProcess({ execId: 'y', parentExecId: 'x', startTime: at(2) }),
      makeProcess({ execId: 'r', startTime: at(0) }),
    ]);
    expect(ids(roots)).toEqual(['r', 'x']);
    expect(countNodes(roots)).toBe(3);
  });

  it('survives a very deep chain without recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) =>
      makeProcess({ execId: `p${i}`, parentExecId: i === 0 ? null : `p${i - 1}` }),
    );
    const roots = buildForest(chain);
    expect(roots).toHaveLength(1);
    expect(countNodes(roots)).toBe(20_000);
  });

  it('returns nothing for no processes', () => {
    expect(buildForest([])).toEqual([]);
  });
});
