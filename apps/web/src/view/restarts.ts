/**
 * Container restarts, derived from the processes we have: each restart starts the
 * container again under a new container id (and start time), with a new init (pid 1).
 * Counting distinct container instances per container name gives the restarts that left
 * processes behind; the exec-without-fork chain of one init (sh → nginx) is one instance.
 */
import type { Process } from '@exectree/domain';

export interface ContainerRestarts {
  name: string;
  /** Instances seen minus one. */
  restarts: number;
  /** Start times of the instances seen, oldest first (null when unknown). */
  starts: (string | null)[];
}

export interface Restarts {
  total: number;
  containers: ContainerRestarts[];
}

export function detectRestarts(processes: Iterable<Process>): Restarts {
  const byName = new Map<string, Map<string, string | null>>();
  for (const process of processes) {
    const container = process.pod?.container;
    if (!container) continue;
    const instance = container.id || container.startTime;
    if (!instance) continue;
    let instances = byName.get(container.name);
    if (!instances) byName.set(container.name, (instances = new Map()));
    if (!instances.has(instance) || instances.get(instance) === null) {
      instances.set(instance, container.startTime);
    }
  }
  const containers: ContainerRestarts[] = [];
  for (const [name, instances] of byName) {
    if (instances.size < 2) continue;
    const starts = [...instances.values()].sort((a, b) =>
      a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0,
    );
    containers.push({ name, restarts: instances.size - 1, starts });
  }
  containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { total: containers.reduce((n, c) => n + c.restarts, 0), containers };
}
