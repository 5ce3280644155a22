/**
 * What only the loaded processes of the open group tell: flagged processes as the graph
 * counts them (an exec probe's exec-session finding is expected, see findings.ts) and
 * container restarts. The navigator and the group header share one computation.
 */
import type { Process } from '@exectree/domain';
import { isFlagged } from './findings.ts';
import { memoizeLast } from './memo.ts';
import { detectRestarts, type Restarts } from './restarts.ts';

export interface OpenGroupFacts {
  flagged: number;
  restarts: Restarts;
}

export const openGroupFacts = memoizeLast(
  (processes: ReadonlyMap<string, Process>): OpenGroupFacts => {
    let flagged = 0;
    for (const p of processes.values()) if (isFlagged(p)) flagged += 1;
    return { flagged, restarts: detectRestarts(processes.values()) };
  },
);
