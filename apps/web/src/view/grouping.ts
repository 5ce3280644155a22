/**
 * Turns lanes into what the graph draws. Repeated siblings fold into one "×N" item, the way
 * trace viewers auto-group repeated spans: health checks, exec probes, cron-like loops,
 * `iptables` storms. Siblings group when their small subtrees have the same shape (the
 * same binaries, parent to child), so nothing structurally different is hidden. Groups
 * start closed and processes open; the user's choices are the `expanded` and `collapsed`
 * sets, and the path to the revealed (selected) process is always open.
 */
import type { Process } from '@exectree/domain';
import type { RootReason } from './hierarchy.ts';
import { lastImage, type LaneNode } from './lanes.ts';
import { laneStats, type LaneStatsLookup } from './lane-stats.ts';
import { lanesOf, locateItems, rememberLanes } from './display-locate.ts';
import { itemCacheFor, shapeCache } from './display-cache.ts';
import { sameList } from './same-list.ts';
import { shapeOf, type Shape } from './shapes.ts';

/** Fewer identical siblings than this stay as they are. */
export const MIN_GROUP_SIZE = 4;

interface ItemBase {
  id: string;
  rootReason: RootReason | null;
  /** What is drawn below the item: empty while it is closed. */
  children: DisplayNode[];
  /** How many child items it has when open; 0 means there is nothing to open. */
  childCount: number;
  open: boolean;
}

export interface ProcessItem extends ItemBase {
  kind: 'process';
  /** The last image: the process as it is now. */
  process: Process;
  /** Every image of the lane, first to last (one unless it exec'd without forking). */
  images: Process[];
  /** Processes below the lane, and how many of them are flagged. */
  descendants: number;
  flaggedDescendants: number;
}

export interface GroupItem extends ItemBase {
  kind: 'group';
  /** The binaries of the shape from the top down, e.g. ["/bin/sh", "/usr/bin/pg_isready"]. */
  chain: string[];
  /** Tops of the grouped subtrees (their last image), in start order. */
  members: Process[];
  /** The last process of each member's chain: whose outcome the card summarises. */
  outcomes: Process[];
  /** Every process inside the group, and how many are flagged. */
  size: number;
  flagged: number;
}

export type DisplayNode = ProcessItem | GroupItem;

export interface GroupingOptions {
  /** Group ids the user opened. */
  expanded: ReadonlySet<string>;
  /** Process item ids the user closed. */
  collapsed?: ReadonlySet<string>;
  /** Exec id whose path is shown open whatever the sets say. */
  reveal: string | null;
  minSize?: number;
}

export interface Display {
  roots: DisplayNode[];
  /** Items open only because they lead to `reveal`. */
  forcedOpen: string[];
  /** Every exec id → the id of the drawn item that shows it (itself or a closed ancestor). */
  locate: ReadonlyMap<string, string>;
}

export function groupId(parentId: string | null, shape: string): string {
  return `group:${parentId ?? 'root'}:${shape}`;
}

const NO_SET: ReadonlySet<string> = new Set();

/** Siblings of one shape, while a sibling list is folded. */
interface ShapeGroup {
  key: string;
  chain: string[];
  lanes: LaneNode[];
  shapes: Shape[];
  /** Its item was emitted (at the place of its first member). */
  done: boolean;
}

/** The lanes on the way from a root down to the lane holding `execId`, that lane included. */
function pathTo(roots: readonly LaneNode[], execId: string | null): Set<LaneNode> {
  const path = new Set<LaneNode>();
  if (execId === null) return path;
  const parents = new Map<LaneNode, LaneNode | null>();
  const queue: LaneNode[] = [...roots];
  for (const root of roots) parents.set(root, null);
  for (let i = 0; i < queue.length; i += 1) {
    const lane = queue[i] as LaneNode;
    if (lane.images.some((p) => p.execId === execId)) {
      for (let at: LaneNode | null = lane; at !== null; at = parents.get(at) ?? null) {
        path.add(at);
      }
      return path;
    }
    for (const child of lane.children) {
      parents.set(child, lane);
      queue.push(child);
    }
  }
  return path;
}

export function groupSiblings(roots: readonly LaneNode[], options: GroupingOptions): Display {
  const minSize = options.minSize ?? MIN_GROUP_SIZE;
  const collapsed = options.collapsed ?? NO_SET;
  const cache = itemCacheFor(options.expanded, collapsed, options.reveal, minSize);
  const stats: LaneStatsLookup = laneStats(roots);
  const sizeOf = (lane: LaneNode) => stats.get(lane)?.processes ?? Infinity;
  const path = pathTo(roots, options.reveal);
  const forcedOpen: string[] = [];
  const work: [LaneNode, ProcessItem][] = [];

  const isRevealed = (lane: LaneNode) =>
    options.reveal !== null && lane.images.some((p) => p.execId === options.reveal);

  // Members of an open group hang below the group, which carries their root reason.
  const processItem = (lane: LaneNode, inGroup = false): ProcessItem => {
    const items = inGroup ? cache.member : cache.top;
    // Items on the path to the revealed process may be forced open: always rebuilt.
    const onPath = path.has(lane);
    const known = onPath ? undefined : items.get(lane);
    if (known) return known;
    const own = stats.get(lane) ?? { processes: lane.images.length, flagged: 0, ownFlagged: 0 };
    const childCount = lane.children.length;
    const userOpen = !collapsed.has(lane.id);
    // The revealed lane itself may stay closed: it is drawn either way.
    const forced = !userOpen && childCount > 0 && onPath && !isRevealed(lane);
    if (forced) forcedOpen.push(lane.id);
    const open = userOpen || forced;
    const item: ProcessItem = {
      kind: 'process',
      id: lane.id,
      process: lastImage(lane),
      images: lane.images,
      rootReason: inGroup ? null : lane.rootReason,
      children: [],
      childCount,
      open,
      descendants: own.processes - lane.images.length,
      flaggedDescendants: own.flagged - own.ownFlagged,
    };
    rememberLanes(item, [lane]);
    if (!onPath) items.set(lane, item);
    if (open) work.push([lane, item]);
    return item;
  };

  const groupItem = (parentId: string | null, entry: ShapeGroup, first: LaneNode): GroupItem => {
    const id = groupId(parentId, entry.key);
    const userOpen = options.expanded.has(id);
    const forced = !userOpen && path.size > 0 && entry.lanes.some((l) => path.has(l));
    if (forced) forcedOpen.push(id);
    const known = forced ? undefined : cache.groups.get(id);
    if (known && known.rootReason === first.rootReason && sameList(lanesOf(known), entry.lanes)) {
      cache.nextGroups.set(id, known);
      return known;
    }
    const open = userOpen || forced;
    const group: GroupItem = {
      kind: 'group',
      id,
      chain: entry.chain,
      members: entry.lanes.map(lastImage),
      outcomes: entry.shapes.map((s) => s.last),
      size: entry.shapes.reduce((n, s) => n + s.size, 0),
      flagged: entry.lanes.reduce((n, l) => n + (stats.get(l)?.flagged ?? 0), 0),
      rootReason: first.rootReason,
      children: [],
      childCount: entry.lanes.length,
      open,
    };
    rememberLanes(group, entry.lanes);
    if (!forced) cache.nextGroups.set(id, group);
    if (open) group.children = entry.lanes.map((member) => processItem(member, true));
    return group;
  };

  const fold = (parentId: string | null, siblings: readonly LaneNode[], out: DisplayNode[]) => {
    // Each sibling's shape group, looked up once.
    const groupOf: (ShapeGroup | undefined)[] = [];
    if (siblings.length >= minSize) {
      const byShape = new Map<string, ShapeGroup>();
      for (const lane of siblings) {
        const shape = shapeOf(lane, shapeCache, sizeOf);
        let entry: ShapeGroup | undefined;
        if (shape !== null) {
          entry = byShape.get(shape.key);
          if (entry) {
            entry.lanes.push(lane);
            entry.shapes.push(shape);
          } else {
            entry = {
              key: shape.key,
              chain: shape.chain,
              lanes: [lane],
              shapes: [shape],
              done: false,
            };
            byShape.set(shape.key, entry);
          }
        }
        groupOf.push(entry);
      }
    }
    siblings.forEach((lane, i) => {
      const entry = groupOf[i];
      if (!entry || entry.lanes.length < minSize) {
        out.push(processItem(lane));
      } else if (!entry.done) {
        entry.done = true;
        out.push(groupItem(parentId, entry, lane));
      }
    });
  };

  const top: DisplayNode[] = [];
  // Iterative, like buildForest: deep chains must not overflow the stack.
  fold(null, roots, top);
  while (work.length > 0) {
    const [lane, item] = work.pop() as [LaneNode, ProcessItem];
    fold(lane.id, lane.children, item.children);
  }
  let located = 0;
  for (const root of roots) located += stats.get(root)?.processes ?? 0;
  return { roots: top, forcedOpen, locate: locateItems(top, located) };
}

export interface OutcomeCounts {
  running: number;
  ok: number;
  failed: number;
  signaled: number;
  other: number;
}

export function countOutcomes(processes: readonly Process[]): OutcomeCounts {
  const counts: OutcomeCounts = { running: 0, ok: 0, failed: 0, signaled: 0, other: 0 };
  for (const p of processes) {
    if (p.state === 'running') counts.running += 1;
    else if (p.state === 'exited' && p.signal) counts.signaled += 1;
    else if (p.state === 'exited' && p.status === 0) counts.ok += 1;
    else if (p.state === 'exited' && p.status !== null) counts.failed += 1;
    else counts.other += 1;
  }
  return counts;
}

export { chainLabel } from './shapes.ts';
