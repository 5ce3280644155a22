import type { Engine } from '../engine/engine.ts';
import type { SimNode } from '../model/types.ts';
import type { Prng } from '../prng.ts';
import { SECOND, type Ns } from '../time/ns.ts';

export interface World {
  readonly engine: Engine;
  readonly rng: Prng;
  readonly nodes: readonly SimNode[];
  /** pod-template-hash per Deployment, controller-revision-hash per StatefulSet/DaemonSet. */
  readonly templateHashes: Map<string, string>;
  /** Next StatefulSet ordinal per workload. */
  readonly ordinals: Map<string, number>;
}

/** Exponentially distributed delay (Poisson arrivals) with the given mean, at least 1 ms. */
export function poissonDelay(world: World, meanSeconds: number): Ns {
  return Math.max(1_000_000, Math.round(world.rng.exponential(meanSeconds * SECOND)));
}

export function msBetween(world: World, min: number, max: number): Ns {
  return world.rng.int(Math.round(min * 1_000_000), Math.round(max * 1_000_000));
}
