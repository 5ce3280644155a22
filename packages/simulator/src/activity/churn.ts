import type { SimPod } from '../model/types.ts';
import type { Ns } from '../time/ns.ts';
import { bootLive, createContainer, terminateContainer } from './containers.ts';
import { kubeletMount, kubeletUnmount } from './host.ts';
import { SANDBOX_TO_CONTAINER, createPod, removePod } from './pods.ts';
import { repeat } from './repeat.ts';
import { msBetween, poissonDelay, type World } from './world.ts';

/** A brand-new pod on `pod`'s node: sandbox, volume mount, then the container's boot. */
export function startNewPod(world: World, template: SimPod, t: Ns): void {
  const reuseName = template.profile.kind === 'StatefulSet' ? template.name : undefined;
  const pod = createPod(world, template.node, template.profile, t, false, reuseName);
  kubeletMount(world, pod, t + msBetween(world, 20, 120));
  const container = createContainer(world, pod, t + SANDBOX_TO_CONTAINER);
  bootLive(world, container, container.startRel + msBetween(world, 20, 150));
}

/** Graceful deletion (rollout, scale-down, eviction) followed by a replacement pod. */
export function replacePod(world: World, pod: SimPod, t: Ns): void {
  const { engine } = world;
  pod.alive = false;
  const container = pod.container;
  if (container !== undefined) {
    // The main process exits cleanly on SIGTERM; exec'd shells are killed with the container.
    terminateContainer(world, container, t, (p) => (p.inInitTree ? {} : { signal: 'SIGKILL' }));
  }
  engine.at(t + msBetween(world, 300, 900), () => {
    kubeletUnmount(world, pod, engine.now);
    removePod(world, pod);
  });
  engine.at(t + msBetween(world, 2_000, 6_000), () => startNewPod(world, pod, engine.now));
}

/** Now and then some pod in the cluster is replaced. DaemonSet pods rarely are. */
export function startPodChurn(world: World, meanIntervalS: number): void {
  const { engine, rng } = world;
  let first = true;
  repeat(
    engine,
    undefined,
    msBetween(world, 180_000, 300_000),
    () => poissonDelay(world, meanIntervalS),
    () => {
      const alive = world.nodes.flatMap((node) => node.pods.filter((p) => p.alive));
      // The first rollout picks a pod whose init execs in place, so that even a short
      // stream shows a live boot chain with exec without fork.
      const candidates = first
        ? alive.filter((p) => p.profile.boot.then !== undefined)
        : alive.filter((p) => p.profile.kind !== 'DaemonSet' || rng.chance(0.1));
      first = false;
      if (candidates.length > 0) replacePod(world, rng.pick(candidates), engine.now);
    },
  );
}
