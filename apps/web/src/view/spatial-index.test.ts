import { describe, expect, it } from 'vitest';
import { at, makeProcess, ungrouped } from '../test/fixtures.ts';
import { buildForest } from './hierarchy.ts';
import { layoutForest } from './layout.ts';
import { buildSpatialIndex, hitTest, nodesIn, RIGHT_REACH } from './spatial-index.ts';

const layout = layoutForest(
  ungrouped(
    buildForest([
      makeProcess({ execId: 'root', startTime: at(0) }),
      ...Array.from({ length: 50 }, (_, i) =>
        makeProcess({ execId: `c${i}`, parentExecId: 'root', startTime: at(i + 1) }),
      ),
      makeProcess({ execId: 'g', parentExecId: 'c7', startTime: at(99) }),
    ]),
  ),
);
const index = buildSpatialIndex(layout);
const { nodeWidth, nodeHeight } = layout.options;

describe('hitTest', () => {
  it('finds the card under a point, in every column', () => {
    for (const node of layout.nodes) {
      expect(hitTest(index, node.x + 1, node.y + 1)?.id).toBe(node.id);
      expect(hitTest(index, node.x + nodeWidth / 2, node.y + nodeHeight - 1)?.id).toBe(node.id);
    }
  });

  it('misses the gaps between cards and columns', () => {
    const c3 = layout.byId.get('c3');
    const c4 = layout.byId.get('c4');
    if (!c3 || !c4) throw new Error('missing nodes');
    const gapY = (c3.y + nodeHeight + c4.y) / 2;
    expect(hitTest(index, c3.x + 10, gapY)).toBeNull();
    expect(hitTest(index, c3.x + nodeWidth + RIGHT_REACH + 2, c3.y + 5)).toBeNull();
    expect(hitTest(index, c3.x + nodeWidth + 10, c3.y + 5)?.id).toBe('c3');
    expect(hitTest(index, -5, 0)).toBeNull();
    expect(hitTest(index, 10_000, 0)).toBeNull();
  });
});

describe('nodesIn', () => {
  it('returns exactly the cards that intersect the view', () => {
    const c10 = layout.byId.get('c10');
    if (!c10) throw new Error('missing node');
    const view = { minX: c10.x, maxX: c10.x + 50, minY: c10.y, maxY: c10.y + 200 };
    const found = new Set(nodesIn(index, view).map((n) => n.id));
    const expected = layout.nodes
      .filter(
        (n) =>
          n.x <= view.maxX &&
          n.x + nodeWidth + RIGHT_REACH >= view.minX &&
          n.y <= view.maxY &&
          n.y + nodeHeight >= view.minY,
      )
      .map((n) => n.id);
    expect([...found].sort()).toEqual(expected.sort());
    expect(found.has('c10')).toBe(true);
  });

  it('returns every node for a view around the bounds', () => {
    expect(nodesIn(index, layout.bounds)).toHaveLength(layout.nodes.length);
  });
});
