/** Process and finding counts of every lane subtree, for roll-ups on closed items. */
import { isFlagged } from './findings.ts';
import type { LaneNode } from './lanes.ts';
import { foldTree } from './walk.ts';

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
  return foldTree<LaneNode, LaneStats>(
    root,
    (lane) => lane.children,
    (lane, children) => {
      const stats = ownStats(lane, children);
      cache.set(lane, stats);
      return stats;
    },
    (lane) => cache.get(lane),
  );
}

/** The stats of every lane in the forest of `roots`. */
export function laneStats(roots: readonly LaneNode[]): LaneStatsLookup {
  for (const root of roots) statsOf(root);
  return { get: (lane) => cache.get(lane) };
}
