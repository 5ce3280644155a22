/**
 * Container restarts among a set of processes, kept as they come and go: each restart starts
 * the container again under a new container id (and start time). Per container name, the
 * distinct instances seen minus one, summed over names. Processes are counted per instance
 * so that removing one is exact. The group summaries and the web app's open pod share it.
 */
export class ContainerInstances {
  private readonly byName = new Map<string, Map<string, Instance>>();
  private total = 0;
  private changes = 0;

  get restarts(): number {
    return this.total;
  }

  /** Grows whenever `breakdown()` would answer differently, so callers can keep its answer. */
  get version(): number {
    return this.changes;
  }

  add(container: ContainerRef | undefined): void {
    const key = container && instanceOf(container);
    if (!container || key === undefined) return;
    let instances = this.byName.get(container.name);
    if (!instances) {
      instances = new Map();
      this.byName.set(container.name, instances);
    }
    const known = instances.get(key);
    if (known) {
      known.members += 1;
      if (known.start === null && container.startTime) {
        known.start = container.startTime;
        this.changes += 1;
      }
      return;
    }
    if (instances.size > 0) this.total += 1;
    instances.set(key, { members: 1, start: container.startTime ?? null });
    this.changes += 1;
  }

  remove(container: ContainerRef | undefined): void {
    const key = container && instanceOf(container);
    if (!container || key === undefined) return;
    const instances = this.byName.get(container.name);
    const known = instances?.get(key);
    if (!instances || !known) return;
    if (known.members > 1) {
      known.members -= 1;
      return;
    }
    instances.delete(key);
    if (instances.size > 0) this.total -= 1;
    else this.byName.delete(container.name);
    this.changes += 1;
  }

  /** The containers that restarted, by name, each with its instances' starts, oldest first. */
  breakdown(): ContainerRestarts[] {
    const containers: ContainerRestarts[] = [];
    for (const [name, instances] of this.byName) {
      if (instances.size < 2) continue;
      const starts = [...instances.values()].map((i) => i.start).sort(byStart);
      containers.push({ name, restarts: instances.size - 1, starts });
    }
    return containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** What identifies one run of a container. */
export interface ContainerRef {
  id: string;
  name: string;
  startTime: string | null | undefined;
}

export interface ContainerRestarts {
  name: string;
  /** Instances seen minus one. */
  restarts: number;
  /** Start times of the instances seen, oldest first (null, unknown, first). */
  starts: (string | null)[];
}

interface Instance {
  members: number;
  /** The first start time reported for the instance. */
  start: string | null;
}

/** The container id, or its start time when the id is missing; undefined when neither is known. */
function instanceOf(container: ContainerRef): string | undefined {
  return container.id || container.startTime || undefined;
}

function byStart(a: string | null, b: string | null): number {
  return a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
