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
import { laneStats, type LaneStats } from './lane-stats.ts';
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

/** Points every process of `lane`'s subtree at the drawn item `id`. */
function locateAll(lane: LaneNode, id: string, locate: Map<string, string>): void {
  const stack = [lane];
  while (stack.length > 0) {
    const at = stack.pop() as LaneNode;
    for (const image of at.images) locate.set(image.execId, id);
    stack.push(...at.children);
  }
}

export function groupSiblings(roots: readonly LaneNode[], options: GroupingOptions): Display {
  const minSize = options.minSize ?? MIN_GROUP_SIZE;
  const collapsed = options.collapsed ?? NO_SET;
  const shapes = new Map<LaneNode, Shape | null>();
  const stats: ReadonlyMap<LaneNode, LaneStats> = laneStats(roots);
  const sizeOf = (lane: LaneNode) => stats.get(lane)?.processes ?? Infinity;
  const path = pathTo(roots, options.reveal);
  const forcedOpen: string[] = [];
  const locate = new Map<string, string>();
  const work: [LaneNode, ProcessItem][] = [];

  const isRevealed = (lane: LaneNode) =>
    options.reveal !== null && lane.images.some((p) => p.execId === options.reveal);

  // Members of an open group hang below the group, which carries their root reason.
  const processItem = (lane: LaneNode, inGroup = false): ProcessItem => {
    const own = stats.get(lane) ?? { processes: lane.images.length, flagged: 0, ownFlagged: 0 };
    const childCount = lane.children.length;
    const userOpen = !collapsed.has(lane.id);
    // The revealed lane itself may stay closed: it is drawn either way.
    const forced = !userOpen && childCount > 0 && path.has(lane) && !isRevealed(lane);
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
    for (const image of lane.images) locate.set(image.execId, lane.id);
    if (open) work.push([lane, item]);
    else for (const child of lane.children) locateAll(child, lane.id, locate);
    return item;
  };

  const fold = (parentId: string | null, siblings: readonly LaneNode[], out: DisplayNode[]) => {
    const byShape = new Map<string, { lanes: LaneNode[]; shapes: Shape[] }>();
    if (siblings.length >= minSize) {
      for (const lane of siblings) {
        const shape = shapeOf(lane, shapes, sizeOf);
        if (shape === null) continue;
        const entry = byShape.get(shape.key);
        if (entry) {
          entry.lanes.push(lane);
          entry.shapes.push(shape);
        } else {
          byShape.set(shape.key, { lanes: [lane], shapes: [shape] });
        }
      }
    }
    const emitted = new Set<string>();
    for (const lane of siblings) {
      const shape = byShape.size > 0 ? shapeOf(lane, shapes, sizeOf) : null;
      const entry = shape ? byShape.get(shape.key) : undefined;
      if (!shape || !entry || entry.lanes.length < minSize) {
        out.push(processItem(lane));
        continue;
      }
      const id = groupId(parentId, shape.key);
      if (emitted.has(id)) continue;
      emitted.add(id);
      const userOpen = options.expanded.has(id);
      const forced = !userOpen && entry.lanes.some((l) => path.has(l));
      if (forced) forcedOpen.push(id);
      const open = userOpen || forced;
      const group: GroupItem = {
        kind: 'group',
        id,
        chain: shape.chain,
        members: entry.lanes.map(lastImage),
        outcomes: entry.shapes.map((s) => s.last),
        size: entry.shapes.reduce((n, s) => n + s.size, 0),
        flagged: entry.lanes.reduce((n, l) => n + (stats.get(l)?.flagged ?? 0), 0),
        rootReason: lane.rootReason,
        children: [],
        childCount: entry.lanes.length,
        open,
      };
      out.push(group);
      if (open) group.children = entry.lanes.map((member) => processItem(member, true));
      else for (const member of entry.lanes) locateAll(member, id, locate);
    }
  };

  const top: DisplayNode[] = [];
  // Iterative, like buildForest: deep chains must not overflow the stack.
  fold(null, roots, top);
  while (work.length > 0) {
    const [lane, item] = work.pop() as [LaneNode, ProcessItem];
    fold(lane.id, lane.children, item.children);
  }
  return { roots: top, forcedOpen, locate };
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
