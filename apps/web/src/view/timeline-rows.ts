/**
 * The timeline's rows: the display forest (repeated siblings folded the same way the graph
 * folds them) flattened in depth-first pre-order, which is the order the graph lists its
 * nodes in, so row n of the timeline is node n of the graph.
 */
import type { DisplayNode } from './grouping.ts';

export interface TimelineRow {
  id: string;
  item: DisplayNode;
  depth: number;
  parentId: string | null;
  /** Position among its siblings, 1-based, and their number (for aria-posinset/setsize). */
  position: number;
  siblings: number;
}

export function flattenRows(roots: readonly DisplayNode[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  type Entry = [DisplayNode, number, string | null, number, number];
  const stack: Entry[] = [];
  const pushAll = (nodes: readonly DisplayNode[], depth: number, parentId: string | null) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      stack.push([nodes[i] as DisplayNode, depth, parentId, i + 1, nodes.length]);
    }
  };
  pushAll(roots, 0, null);
  while (stack.length > 0) {
    const [item, depth, parentId, position, siblings] = stack.pop() as Entry;
    rows.push({ id: item.id, item, depth, parentId, position, siblings });
    pushAll(item.children, depth + 1, item.id);
  }
  return rows;
}

/** Index of each row by id, for scrolling a selection into view. */
export function rowIndex(rows: readonly TimelineRow[]): ReadonlyMap<string, number> {
  const index = new Map<string, number>();
  rows.forEach((row, i) => index.set(row.id, i));
  return index;
}

/** The rows a viewport of `height` px scrolled to `scrollTop` shows, plus `overscan` each side. */
export function visibleWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  height: number,
  overscan = 8,
): { start: number; end: number } {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, height)) / rowHeight);
  return {
    start: Math.max(0, Math.min(count, first - overscan)),
    end: Math.max(0, Math.min(count, last + overscan)),
  };
}

/** The scrollTop that centres row `index` when it is out of view, or null when it is in view. */
export function scrollToRow(
  index: number,
  rowHeight: number,
  scrollTop: number,
  height: number,
): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top >= scrollTop && bottom <= scrollTop + height) return null;
  return Math.max(0, Math.round(top - (height - rowHeight) / 2));
}
