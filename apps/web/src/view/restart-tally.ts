/**
 * Container restarts of the loaded processes (the domain's ContainerInstances), counted
 * incrementally so a live commit adds and removes only what it changed.
 */
import { ContainerInstances, type Process } from '@exectree/domain';
import type { Restarts } from './restarts.ts';

export class RestartTally {
  readonly #instances = new ContainerInstances();
  #result: Restarts | null = null;
  #resultVersion = -1;

  add(process: Process): void {
    this.#instances.add(process.pod?.container ?? undefined);
  }

  remove(process: Process): void {
    this.#instances.remove(process.pod?.container ?? undefined);
  }

  /** The same object until an instance appears, disappears or learns its start time. */
  result(): Restarts {
    if (this.#result && this.#resultVersion === this.#instances.version) return this.#result;
    const containers = this.#instances.breakdown();
    this.#result = { total: containers.reduce((n, c) => n + c.restarts, 0), containers };
    this.#resultVersion = this.#instances.version;
    return this.#result;
  }
}
