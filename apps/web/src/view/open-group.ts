/**
 * What only the loaded processes of the open group tell: flagged processes as the graph
 * counts them (an exec probe's exec-session finding is expected, see findings.ts) and
 * container restarts. The navigator and the group header share one computation, which a
 * live commit updates with the processes it changed (map-lineage.ts).
 */
import type { Process } from '@exectree/domain';
import { isFlagged } from './findings.ts';
import { applyChangesSince, type ProcessMap } from './map-lineage.ts';
import { memoizeLast } from './memo.ts';
import { RestartTally } from './restart-tally.ts';
import type { Restarts } from './restarts.ts';

export interface OpenGroupFacts {
  flagged: number;
  restarts: Restarts;
}

interface Tally {
  map: ProcessMap;
  flagged: number;
  restarts: RestartTally;
}

let tally: Tally | null = null;

function add(t: Tally, process: Process | undefined): void {
  if (!process) return;
  if (isFlagged(process)) t.flagged += 1;
  t.restarts.add(process);
}

function remove(t: Tally, process: Process | undefined): void {
  if (!process) return;
  if (isFlagged(process)) t.flagged -= 1;
  t.restarts.remove(process);
}

function tallyOf(processes: ProcessMap): Tally {
  const last = tally;
  if (
    last !== null &&
    applyChangesSince(processes, last.map, (before, after) => {
      remove(last, before);
      add(last, after);
    })
  ) {
    last.map = processes;
    return last;
  }
  const fresh: Tally = { map: processes, flagged: 0, restarts: new RestartTally() };
  for (const p of processes.values()) add(fresh, p);
  tally = fresh;
  return fresh;
}

export const openGroupFacts = memoizeLast((processes: ProcessMap): OpenGroupFacts => {
  const t = tallyOf(processes);
  return { flagged: t.flagged, restarts: t.restarts.result() };
});
