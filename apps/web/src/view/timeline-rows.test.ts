import { describe, expect, it } from 'vitest';
import { at, makeProcess } from '../test/fixtures.ts';
import { buildForest } from './hierarchy.ts';
import { displayForest } from './explorer-display.ts';
import { layoutForest } from './layout.ts';
import { flattenRows, rowIndex, scrollToRow, visibleWindow } from './timeline-rows.ts';

const tree = [
  makeProcess({ execId: 'root', startTime: at(0) }),
  makeProcess({ execId: 'b', parentExecId: 'root', startTime: at(2) }),
  makeProcess({ execId: 'a', parentExecId: 'root', startTime: at(1) }),
  makeProcess({ execId: 'a1', parentExecId: 'a', startTime: at(3) }),
  makeProcess({ execId: 'other-root', startTime: at(5) }),
];

const NONE: ReadonlySet<string> = new Set();
const display = (forest: ReturnType<typeof buildForest>, reveal: string | null = null) =>
  displayForest(forest, {
    showProbes: true,
    expanded: NONE,
    collapsed: NONE,
    reveal,
    selected: reveal,
  }).roots;

describe('flattenRows', () => {
  it('lists rows in the same depth-first order as the graph layout', () => {
    const roots = display(buildForest(tree));
    const rows = flattenRows(roots);
    expect(rows.map((r) => r.id)).toEqual(['root', 'a', 'a1', 'b', 'other-root']);
    expect(rows.map((r) => r.id)).toEqual(layoutForest(roots).nodes.map((n) => n.id));
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 2, 1, 0]);
    expect(rows[3]).toMatchObject({ parentId: 'root', position: 2, siblings: 2 });
    expect(rowIndex(rows).get('a1')).toBe(2);
  });

  it('keeps repeated siblings folded, as the graph does, unless revealed', () => {
    const probes = Array.from({ length: 5 }, (_, i) =>
      makeProcess({
        execId: `probe${i}`,
        parentExecId: 'root',
        binary: '/bin/probe',
        startTime: at(i + 1),
      }),
    );
    const forest = buildForest([makeProcess({ execId: 'root', startTime: at(0) }), ...probes]);
    const folded = flattenRows(display(forest));
    expect(folded.map((r) => r.item.kind)).toEqual(['process', 'group']);
    const revealed = flattenRows(display(forest, 'probe3'));
    expect(revealed.map((r) => r.id)).toEqual([
      'root',
      'group:root:/bin/probe',
      'probe0',
      'probe1',
      'probe2',
      'probe3',
      'probe4',
    ]);
    expect(revealed[3]?.depth).toBe(2);
  });
});

describe('virtual window', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(visibleWindow(5000, 26, 0, 520, 5)).toEqual({ start: 0, end: 25 });
    expect(visibleWindow(5000, 26, 26_000, 520, 5)).toEqual({ start: 995, end: 1025 });
    expect(visibleWindow(10, 26, 0, 520, 5)).toEqual({ start: 0, end: 10 });
    expect(visibleWindow(0, 26, 0, 520)).toEqual({ start: 0, end: 0 });
  });

  it('centres a row that is out of view and leaves one in view alone', () => {
    expect(scrollToRow(3, 26, 0, 520)).toBeNull();
    expect(scrollToRow(100, 26, 0, 520)).toBe(100 * 26 - (520 - 26) / 2);
    expect(scrollToRow(0, 26, 300, 520)).toBe(0);
  });
});
