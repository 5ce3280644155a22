/**
 * Container restarts (restarts.ts) counted incrementally: how many loaded processes belong
 * to each container instance, so a live commit adds and removes only what it changed.
 */
import type { Process } from '@exectree/domain';
import type { ContainerRestarts, Restarts } from './restarts.ts';

interface Instance {
  processes: number;
  /** The first known start time reported for the instance. */
  start: string | null;
}

function instanceOf(
  process: Process,
): { name: string; instance: string; start: string | null } | null {
  const container = process.pod?.container;
  if (!container) return null;
  const instance = container.id || container.startTime;
  if (!instance) return null;
  return { name: container.name, instance, start: container.startTime };
}

const byStart = (a: string | null, b: string | null) =>
  a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0;

export class RestartTally {
  readonly #names = new Map<string, Map<string, Instance>>();
  #result: Restarts | null = null;

  add(process: Process): void {
    const found = instanceOf(process);
    if (!found) return;
    let instances = this.#names.get(found.name);
    if (!instances) this.#names.set(found.name, (instances = new Map()));
    const known = instances.get(found.instance);
    if (known) {
      known.processes += 1;
      if (known.start === null && found.start !== null) {
        known.start = found.start;
        this.#result = null;
      }
      return;
    }
    instances.set(found.instance, { processes: 1, start: found.start });
    this.#result = null;
  }

  remove(process: Process): void {
    const found = instanceOf(process);
    if (!found) return;
    const instances = this.#names.get(found.name);
    const known = instances?.get(found.instance);
    if (!instances || !known) return;
    known.processes -= 1;
    if (known.processes > 0) return;
    instances.delete(found.instance);
    if (instances.size === 0) this.#names.delete(found.name);
    this.#result = null;
  }

  /** The same object until an instance appears, disappears or learns its start time. */
  result(): Restarts {
    if (this.#result) return this.#result;
    const containers: ContainerRestarts[] = [];
    for (const [name, instances] of this.#names) {
      if (instances.size < 2) continue;
      const starts = [...instances.values()].map((i) => i.start).sort(byStart);
      containers.push({ name, restarts: instances.size - 1, starts });
    }
    containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.#result = { total: containers.reduce((n, c) => n + c.restarts, 0), containers };
    return this.#result;
  }
}
