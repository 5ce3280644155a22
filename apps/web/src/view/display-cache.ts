/**
 * What groupSiblings (grouping.ts) keeps between calls. Items are valid while the options
 * they were built with stay the same objects; buildLanes reuses the lanes of unchanged
 * subtrees, so a live delta rebuilds only the items on the paths it touched and every other
 * item stays the same object (which also lets React skip it).
 */
import type { GroupItem, ProcessItem } from './grouping.ts';
import type { LaneNode } from './lanes.ts';
import type { Shape } from './shapes.ts';

export interface ItemCache {
  expanded: ReadonlySet<string>;
  collapsed: ReadonlySet<string>;
  reveal: string | null;
  minSize: number;
  top: WeakMap<LaneNode, ProcessItem>;
  /** Members of an open group (no root reason of their own). */
  member: WeakMap<LaneNode, ProcessItem>;
  /** Group items of the previous display, by id, and those of the one being built. */
  groups: Map<string, GroupItem>;
  nextGroups: Map<string, GroupItem>;
}

let itemCache: ItemCache | null = null;

/** Shapes depend on nothing but the lane's subtree. */
export const shapeCache = new WeakMap<LaneNode, Shape | null>();

/** The cache for these options: last call's when they are the same objects, else a new one. */
export function itemCacheFor(
  expanded: ReadonlySet<string>,
  collapsed: ReadonlySet<string>,
  reveal: string | null,
  minSize: number,
): ItemCache {
  const c = itemCache;
  if (
    c !== null &&
    c.expanded === expanded &&
    c.collapsed === collapsed &&
    c.reveal === reveal &&
    c.minSize === minSize
  ) {
    c.groups = c.nextGroups;
    c.nextGroups = new Map();
    return c;
  }
  itemCache = {
    expanded,
    collapsed,
    reveal,
    minSize,
    top: new WeakMap(),
    member: new WeakMap(),
    groups: new Map(),
    nextGroups: new Map(),
  };
  return itemCache;
}
