/**
 * Container restarts of a group, kept as members come and go: each restart starts the
 * container again under a new container id (and start time). Per container name, the
 * distinct instances seen minus one, summed over names; same rule as the web app's
 * view/restarts.ts. Members are counted per instance so that removing one is exact.
 */
export class ContainerInstances {
  private readonly byName = new Map<string, Map<string, number>>();
  private total = 0;

  get restarts(): number {
    return this.total;
  }

  add(container: ContainerRef | undefined): void {
    const instance = container && instanceOf(container);
    if (!container || instance === undefined) return;
    let instances = this.byName.get(container.name);
    if (!instances) {
      instances = new Map();
      this.byName.set(container.name, instances);
    }
    const members = instances.get(instance) ?? 0;
    if (members === 0 && instances.size > 0) this.total += 1;
    instances.set(instance, members + 1);
  }

  remove(container: ContainerRef | undefined): void {
    const instance = container && instanceOf(container);
    if (!container || instance === undefined) return;
    const instances = this.byName.get(container.name);
    const members = instances?.get(instance);
    if (!instances || members === undefined) return;
    if (members > 1) {
      instances.set(instance, members - 1);
      return;
    }
    instances.delete(instance);
    if (instances.size > 0) this.total -= 1;
    else this.byName.delete(container.name);
  }
}

/** What identifies one run of a container. */
export interface ContainerRef {
  id: string;
  name: string;
  startTime: string | null | undefined;
}

/** The container id, or its start time when the id is missing; undefined when neither is known. */
function instanceOf(container: ContainerRef): string | undefined {
  return container.id || container.startTime || undefined;
}
