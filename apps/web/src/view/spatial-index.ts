/**
 * Finds layout nodes by position without scanning all of them: the tidy tree puts each
 * generation in its own column, so a point picks a column and a binary search on y picks
 * the card. The canvas renderer uses it for hit-testing and to draw only what is in view.
 */
import type { Bounds, GraphLayout, LayoutNode } from './layout.ts';

export interface SpatialIndex {
  columns: ReadonlyMap<number, readonly LayoutNode[]>;
  columnWidth: number;
  nodeWidth: number;
  nodeHeight: number;
}

/** How far past a card's right edge a point still belongs to it (the collapse toggle). */
export const RIGHT_REACH = 48;

export function buildSpatialIndex(layout: GraphLayout): SpatialIndex {
  const { nodeWidth, nodeHeight, columnGap } = layout.options;
  const columns = new Map<number, LayoutNode[]>();
  for (const node of layout.nodes) {
    const list = columns.get(node.depth);
    if (list) list.push(node);
    else columns.set(node.depth, [node]);
  }
  for (const list of columns.values()) list.sort((a, b) => a.y - b.y);
  return { columns, columnWidth: nodeWidth + columnGap, nodeWidth, nodeHeight };
}

/** Index of the first node whose bottom edge is at or below `y`. */
function firstReaching(list: readonly LayoutNode[], y: number, height: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as LayoutNode).y + height < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The node under graph point (x, y), counting the strip to its right where its toggle sits. */
export function hitTest(index: SpatialIndex, x: number, y: number): LayoutNode | null {
  const { columnWidth, nodeWidth, nodeHeight } = index;
  const depth = Math.floor(x / columnWidth);
  const list = index.columns.get(depth);
  if (!list) return null;
  const local = x - depth * columnWidth;
  if (local > nodeWidth + RIGHT_REACH) return null;
  const i = firstReaching(list, y, nodeHeight);
  const node = list[i];
  return node && node.y <= y && y <= node.y + nodeHeight ? node : null;
}

/** Nodes whose card (and toggle strip) intersects `view`, in no particular order. */
export function nodesIn(index: SpatialIndex, view: Bounds): LayoutNode[] {
  const { columnWidth, nodeWidth, nodeHeight } = index;
  const out: LayoutNode[] = [];
  const from = Math.floor((view.minX - nodeWidth - RIGHT_REACH) / columnWidth);
  const to = Math.floor(view.maxX / columnWidth);
  for (let depth = Math.max(0, from); depth <= to; depth += 1) {
    const list = index.columns.get(depth);
    if (!list) continue;
    const x = depth * columnWidth;
    if (x > view.maxX || x + nodeWidth + RIGHT_REACH < view.minX) continue;
    for (let i = firstReaching(list, view.minY, nodeHeight); i < list.length; i += 1) {
      const node = list[i] as LayoutNode;
      if (node.y > view.maxY) break;
      out.push(node);
    }
  }
  return out;
}
