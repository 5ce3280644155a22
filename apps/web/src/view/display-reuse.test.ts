import { describe, expect, it } from 'vitest';
import type { Process } from '@exectree/domain';
import { at, makeProcess } from '../test/fixtures.ts';
import { displayForest, type DisplayOptions } from './explorer-display.ts';
import { recordChange } from './map-lineage.ts';
import { forestOf } from './forest-index.ts';
import type { DisplayNode } from './grouping.ts';

function byId(roots: readonly DisplayNode[]): Map<string, DisplayNode> {
  const out = new Map<string, DisplayNode>();
  const stack = [...roots];
  while (stack.length > 0) {
    const item = stack.pop() as DisplayNode;
    out.set(item.id, item);
    stack.push(...item.children);
  }
  return out;
}

const options: DisplayOptions = {
  showProbes: false,
  expanded: new Set(),
  collapsed: new Set(['w2']),
  reveal: null,
  selected: null,
};

describe('display of a live pod', () => {
  const processes: Process[] = [
    makeProcess({ execId: 'init', startTime: at(0) }),
    makeProcess({ execId: 'w1', parentExecId: 'init', startTime: at(1) }),
    makeProcess({ execId: 'w2', parentExecId: 'init', startTime: at(2) }),
    makeProcess({ execId: 'w3', parentExecId: 'init', startTime: at(3) }),
  ];
  for (let i = 0; i < 6; i++) {
    processes.push(
      makeProcess({
        execId: `h${i}`,
        parentExecId: 'w2',
        binary: '/bin/curl',
        startTime: at(10 + i),
      }),
    );
  }
  const first = new Map(processes.map((p) => [p.execId, p]));

  it('keeps the items of untouched subtrees and rebuilds the touched path', () => {
    const before = byId(displayForest(forestOf(first), options).roots);
    const next = new Map(first);
    next.set('c', makeProcess({ execId: 'c', parentExecId: 'w1', startTime: at(20) }));
    recordChange(next, first, new Set(['c']));
    const display = displayForest(forestOf(next), options);
    const after = byId(display.roots);
    expect(after.get('w2')).toBe(before.get('w2'));
    expect(after.get('w3')).toBe(before.get('w3'));
    expect(after.get('w1')).not.toBe(before.get('w1'));
    expect(after.get('init')).not.toBe(before.get('init'));
    expect(after.get('w1')?.children.map((c) => c.id)).toEqual(['c']);
    expect(after.get('init')?.children.map((c) => c.id)).toEqual(['w1', 'w2', 'w3']);
  });

  it('locates every process, also inside reused closed items, and counts them', () => {
    const next = new Map(first);
    next.set('c', makeProcess({ execId: 'c', parentExecId: 'w1', startTime: at(20) }));
    recordChange(next, first, new Set(['c']));
    displayForest(forestOf(first), options);
    const { locate } = displayForest(forestOf(next), options);
    expect(locate.size).toBe(next.size);
    expect([...locate.keys()].sort()).toEqual([...next.keys()].sort());
    expect(locate.get('h3')).toBe('w2');
    expect(locate.get('c')).toBe('c');
  });

  it('keeps a group whose members did not change when its parent is rebuilt', () => {
    const open = { ...options, collapsed: new Set<string>() };
    const before = byId(displayForest(forestOf(first), open).roots);
    const next = new Map(first);
    next.set(
      'x',
      makeProcess({ execId: 'x', parentExecId: 'w2', binary: '/bin/ls', startTime: at(30) }),
    );
    recordChange(next, first, new Set(['x']));
    const after = byId(displayForest(forestOf(next), open).roots);
    expect(after.get('w2')).not.toBe(before.get('w2'));
    const group = [...after.values()].find((item) => item.kind === 'group');
    expect(group?.kind === 'group' && group.members).toHaveLength(6);
    expect(group).toBe(before.get(group?.id ?? ''));
  });
});
