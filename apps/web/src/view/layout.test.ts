import { describe, expect, it } from 'vitest';
import { buildForest } from './hierarchy.ts';
import { at, makeProcess, ungrouped as display } from '../test/fixtures.ts';
import { DEFAULT_LAYOUT, layoutForest, linkPath } from './layout.ts';

const { nodeWidth, nodeHeight, columnGap } = DEFAULT_LAYOUT;

function sample() {
  return buildForest([
    makeProcess({ execId: 'root', startTime: at(0) }),
    makeProcess({ execId: 'a', parentExecId: 'root', startTime: at(1) }),
    makeProcess({ execId: 'b', parentExecId: 'root', startTime: at(2) }),
    makeProcess({ execId: 'a1', parentExecId: 'a', startTime: at(3) }),
    makeProcess({ execId: 'a2', parentExecId: 'a', startTime: at(4) }),
    makeProcess({ execId: 'other', parentExecId: 'gone', startTime: at(5) }),
  ]);
}

describe('layoutForest', () => {
  it('places depth along x, one column per generation', () => {
    const layout = layoutForest(display(sample()));
    const x = (id: string) => layout.byId.get(id)?.x;
    expect(x('root')).toBe(0);
    expect(x('other')).toBe(0);
    expect(x('a')).toBe(nodeWidth + columnGap);
    expect(x('a1')).toBe(2 * (nodeWidth + columnGap));
  });

  it('lists nodes depth-first and links every child to its parent', () => {
    const layout = layoutForest(display(sample()));
    expect(layout.nodes.map((n) => n.id)).toEqual(['root', 'a', 'a1', 'a2', 'b', 'other']);
    expect(layout.links.map((l) => `${l.source}>${l.target}`)).toEqual([
      'root>a',
      'a>a1',
      'a>a2',
      'root>b',
    ]);
    expect(layout.byId.get('a1')?.parentId).toBe('a');
    expect(layout.byId.get('root')?.childIds).toEqual(['a', 'b']);
  });

  it('never overlaps two cards', () => {
    const layout = layoutForest(display(sample()));
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b || a.x !== b.x) continue;
        expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(nodeHeight);
      }
    }
  });

  it('keeps bounds around every card', () => {
    const layout = layoutForest(display(sample()));
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(layout.bounds.minX);
      expect(n.y).toBeGreaterThanOrEqual(layout.bounds.minY);
      expect(n.x + nodeWidth).toBeLessThanOrEqual(layout.bounds.maxX);
      expect(n.y + nodeHeight).toBeLessThanOrEqual(layout.bounds.maxY);
    }
  });

  it('draws links from the parent’s right edge to the child’s left edge', () => {
    const layout = layoutForest(display(sample()));
    const link = layout.links[0];
    const root = layout.byId.get('root');
    const a = layout.byId.get('a');
    expect(link?.path).toBe(
      linkPath(
        (root?.x ?? 0) + nodeWidth,
        (root?.y ?? 0) + nodeHeight / 2,
        a?.x ?? 0,
        (a?.y ?? 0) + nodeHeight / 2,
      ),
    );
  });

  it('handles an empty forest', () => {
    const layout = layoutForest([]);
    expect(layout.nodes).toEqual([]);
    expect(layout.links).toEqual([]);
  });
});

describe('linkPath', () => {
  it('is a horizontal S-curve', () => {
    expect(linkPath(0, 0, 100, 50)).toBe('M0,0C50,0 50,50 100,50');
  });
});
