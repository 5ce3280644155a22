/**
 * Tidy-tree layout of a process forest, left to right: depth runs along x, siblings stack
 * along y. Pure: d3-hierarchy computes positions, React draws them (components/ProcessGraph).
 */
import { hierarchy, tree, type HierarchyNode } from 'd3-hierarchy';
import type { DisplayNode } from './grouping.ts';

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  /** Horizontal gap between a parent card and its children. */
  columnGap: number;
  /** Vertical gap between sibling cards. */
  rowGap: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  nodeWidth: 248,
  nodeHeight: 56,
  columnGap: 64,
  rowGap: 14,
};

export interface LayoutNode {
  id: string;
  item: DisplayNode;
  /** Top-left corner of the card. */
  x: number;
  y: number;
  depth: number;
  parentId: string | null;
  childIds: string[];
}

export interface LayoutLink {
  id: string;
  source: string;
  target: string;
  /** SVG path from the parent's right edge to the child's left edge. */
  path: string;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface GraphLayout {
  /** In depth-first order: the order keyboard navigation walks. */
  nodes: LayoutNode[];
  links: LayoutLink[];
  byId: ReadonlyMap<string, LayoutNode>;
  /** Position of each node in `nodes`. */
  indexOf: ReadonlyMap<string, number>;
  bounds: Bounds;
  options: LayoutOptions;
}

type Datum = { node: DisplayNode | null; roots: readonly DisplayNode[] };

/** A horizontal S-curve between two points. */
export function linkPath(x1: number, y1: number, x2: number, y2: number): string {
  const mid = x1 + (x2 - x1) / 2;
  return `M${x1},${y1}C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
}

export function layoutForest(
  roots: readonly DisplayNode[],
  options: LayoutOptions = DEFAULT_LAYOUT,
): GraphLayout {
  const empty: GraphLayout = {
    nodes: [],
    links: [],
    byId: new Map(),
    indexOf: new Map(),
    bounds: { minX: 0, minY: 0, maxX: 0, maxY: 0 },
    options,
  };
  if (roots.length === 0) return empty;

  // A synthetic super-root holds the forest together; it is dropped from the output.
  const top = hierarchy<Datum>({ node: null, roots }, (d) =>
    d.node === null
      ? d.roots.map((r) => ({ node: r, roots: [] }))
      : d.node.children.map((c) => ({ node: c, roots: [] })),
  );
  const { nodeWidth, nodeHeight, columnGap, rowGap } = options;
  const laidOut = tree<Datum>()
    .nodeSize([nodeHeight + rowGap, nodeWidth + columnGap])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.25))(top);

  const nodes: LayoutNode[] = [];
  const byId = new Map<string, LayoutNode>();
  const indexOf = new Map<string, number>();
  const bounds: Bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const columnWidth = nodeWidth + columnGap;

  // d3's x is the breadth axis; for a left-to-right tree it becomes our y.
  laidOut.eachBefore((h: HierarchyNode<Datum>) => {
    const node = h.data.node;
    if (node === null) return;
    const parentNode = h.parent?.data.node ?? null;
    const layoutNode: LayoutNode = {
      id: node.id,
      item: node,
      x: (h.depth - 1) * columnWidth,
      y: h.x ?? 0,
      depth: h.depth - 1,
      parentId: parentNode ? parentNode.id : null,
      childIds: node.children.map((c) => c.id),
    };
    layoutNode.y -= nodeHeight / 2;
    indexOf.set(layoutNode.id, nodes.length);
    nodes.push(layoutNode);
    byId.set(layoutNode.id, layoutNode);
    bounds.minX = Math.min(bounds.minX, layoutNode.x);
    bounds.minY = Math.min(bounds.minY, layoutNode.y);
    bounds.maxX = Math.max(bounds.maxX, layoutNode.x + nodeWidth);
    bounds.maxY = Math.max(bounds.maxY, layoutNode.y + nodeHeight);
  });

  const links: LayoutLink[] = [];
  for (const node of nodes) {
    if (node.parentId === null) continue;
    const parent = byId.get(node.parentId);
    if (!parent) continue;
    links.push({
      id: `${parent.id}>${node.id}`,
      source: parent.id,
      target: node.id,
      path: linkPath(
        parent.x + nodeWidth,
        parent.y + nodeHeight / 2,
        node.x,
        node.y + nodeHeight / 2,
      ),
    });
  }
  return { nodes, links, byId, indexOf, bounds, options };
}
