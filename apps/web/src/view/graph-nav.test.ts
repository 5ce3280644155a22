import { describe, expect, it } from 'vitest';
import { buildForest } from './hierarchy.ts';
import { displayed, makeProcess, ungrouped as display } from '../test/fixtures.ts';
import { layoutForest } from './layout.ts';
import { navigate } from './graph-nav.ts';

const processes = [
  makeProcess({ execId: 'r', startTime: '2024-01-01T00:00:00Z' }),
  makeProcess({ execId: 'a', parentExecId: 'r', startTime: '2024-01-01T00:00:01Z' }),
  makeProcess({ execId: 'a1', parentExecId: 'a', startTime: '2024-01-01T00:00:02Z' }),
  makeProcess({ execId: 'b', parentExecId: 'r', startTime: '2024-01-01T00:00:03Z' }),
];
const layout = layoutForest(display(buildForest(processes)));
const focus = (id: string) => ({ kind: 'focus', id });

describe('navigate', () => {
  it('walks depth-first with up and down', () => {
    expect(navigate(layout, 'r', 'ArrowDown')).toEqual(focus('a'));
    expect(navigate(layout, 'a1', 'ArrowDown')).toEqual(focus('b'));
    expect(navigate(layout, 'b', 'ArrowDown')).toEqual(focus('b'));
    expect(navigate(layout, 'b', 'ArrowUp')).toEqual(focus('a1'));
  });

  it('goes to the first child with right and to the parent with left from a leaf', () => {
    expect(navigate(layout, 'a1', 'ArrowLeft')).toEqual(focus('a'));
    expect(navigate(layout, 'a', 'ArrowRight')).toEqual(focus('a1'));
    expect(navigate(layout, 'a1', 'ArrowRight')).toEqual(focus('a1'));
  });

  it('closes an open node with left and opens a closed one with right', () => {
    expect(navigate(layout, 'r', 'ArrowLeft')).toEqual({ kind: 'toggle', id: 'r', open: false });
    const closed = layoutForest(
      displayed(buildForest(processes), { collapsed: new Set(['a']) }).roots,
    );
    expect(closed.nodes.map((n) => n.id)).toEqual(['r', 'a', 'b']);
    expect(navigate(closed, 'a', 'ArrowRight')).toEqual({ kind: 'toggle', id: 'a', open: true });
    expect(navigate(closed, 'a', 'ArrowLeft')).toEqual(focus('r'));
  });

  it('starts at the ends without a current node', () => {
    expect(navigate(layout, null, 'ArrowDown')).toEqual(focus('r'));
    expect(navigate(layout, 'missing', 'End')).toEqual(focus('b'));
    expect(navigate(layout, 'a', 'Home')).toEqual(focus('r'));
  });
});
