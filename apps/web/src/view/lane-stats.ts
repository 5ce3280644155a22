/** Process and finding counts of every lane subtree, for roll-ups on closed items. */
import { isFlagged } from './findings.ts';
import type { LaneNode } from './lanes.ts';

export interface LaneStats {
  /** Processes in the subtree, the lane's own images included. */
  processes: number;
  /** Flagged processes in the subtree, the lane's own included. */
  flagged: number;
  /** Flagged images of the lane itself. */
  ownFlagged: number;
}

export interface LaneStatsLookup {
  get(lane: LaneNode): LaneStats | undefined;
}

/**
 * By lane object: buildLanes reuses the lanes of unchanged subtrees, so only the lanes a
 * live delta touched are counted again.
 */
const cache = new WeakMap<LaneNode, LaneStats>();

function ownStats(lane: LaneNode, children: readonly LaneStats[]): LaneStats {
  let ownFlagged = 0;
  for (const p of lane.images) if (isFlagged(p)) ownFlagged += 1;
  let processes = lane.images.length;
  let flagged = ownFlagged;
  for (const c of children) {
    processes += c.processes;
    flagged += c.flagged;
  }
  return { processes, flagged, ownFlagged };
}

function statsOf(root: LaneNode): LaneStats {
  const known = cache.get(root);
  if (known) return known;
  interface Frame {
    lane: LaneNode;
    next: number;
    children: LaneStats[];
  }
  // Iterative post-order: lane trees can be thousands of levels deep.
  const stack: Frame[] = [{ lane: root, next: 0, children: [] }];
  let result = ownStats(root, []);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const child = frame.lane.children[frame.next];
    if (child !== undefined) {
      frame.next += 1;
      const done = cache.get(child);
      if (done) frame.children.push(done);
      else stack.push({ lane: child, next: 0, children: [] });
      continue;
    }
    stack.pop();
    const stats = ownStats(frame.lane, frame.children);
    cache.set(frame.lane, stats);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(stats);
    else result = stats;
  }
  return result;
}

/** The stats of every lane in the forest of `roots`. */
export function laneStats(roots: readonly LaneNode[]): LaneStatsLookup {
  for (const root of roots) statsOf(root);
  return { get: (lane) => cache.get(lane) };
}
