/** Process and finding counts of every lane subtree, for roll-ups on closed items. */
import { isFlagged } from './findings.ts';
import type { LaneNode } from './lanes.ts';
import { mapForest } from './walk.ts';

export interface LaneStats {
  /** Processes in the subtree, the lane's own images included. */
  processes: number;
  /** Flagged processes in the subtree, the lane's own included. */
  flagged: number;
  /** Flagged images of the lane itself. */
  ownFlagged: number;
}

export function laneStats(roots: readonly LaneNode[]): Map<LaneNode, LaneStats> {
  const stats = new Map<LaneNode, LaneStats>();
  mapForest<LaneNode, LaneStats>(
    roots,
    (lane) => lane.children,
    (lane, children) => {
      const ownFlagged = lane.images.reduce((n, p) => n + (isFlagged(p) ? 1 : 0), 0);
      const result: LaneStats = {
        processes: lane.images.length + children.reduce((n, c) => n + c.processes, 0),
        flagged: ownFlagged + children.reduce((n, c) => n + c.flagged, 0),
        ownFlagged,
      };
      stats.set(lane, result);
      return result;
    },
  );
  return stats;
}
