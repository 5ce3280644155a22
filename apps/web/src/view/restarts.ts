/**
 * Container restarts, derived from the processes we have: each restart starts the
 * container again under a new container id (and start time), with a new init (pid 1).
 * Counting distinct container instances per container name gives the restarts that left
 * processes behind; the exec-without-fork chain of one init (sh → nginx) is one instance.
 */
import type { ContainerRestarts, Process } from '@exectree/domain';
import { RestartTally } from './restart-tally.ts';

export type { ContainerRestarts };

export interface Restarts {
  total: number;
  containers: ContainerRestarts[];
}

export function detectRestarts(processes: Iterable<Process>): Restarts {
  const tally = new RestartTally();
  for (const process of processes) tally.add(process);
  return tally.result();
}
