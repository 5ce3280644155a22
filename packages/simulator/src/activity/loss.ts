import type { SimNode } from '../model/types.ts';
import { SECOND } from '../time/ns.ts';
import { repeat } from './repeat.ts';
import { poissonDelay, type World } from './world.ts';

/**
 * The agent's own loss reports: export rate limiting, and cgroup rate throttling, during
 * which the throttled container starts nothing new.
 */
export function startLossMarkers(world: World, node: SimNode, meanIntervalS: number): void {
  const { engine, rng } = world;
  repeat(
    engine,
    undefined,
    poissonDelay(world, meanIntervalS),
    () => poissonDelay(world, meanIntervalS),
    () => engine.emitLine(engine.render.rateLimit(rng.int(1, 400), node.name, engine.now)),
  );
  repeat(
    engine,
    undefined,
    poissonDelay(world, meanIntervalS * 1.5),
    () => poissonDelay(world, meanIntervalS * 1.5),
    () => {
      const containers = node.pods.flatMap((pod) =>
        pod.container?.alive === true ? [pod.container] : [],
      );
      if (containers.length === 0) return;
      const container = rng.pick(containers);
      if (container.throttledUntil > engine.now) return;
      const until = engine.now + rng.int(4 * SECOND, 20 * SECOND);
      const cgroup = `cri-containerd-${container.id}.scope`;
      container.throttledUntil = until;
      engine.emitLine(engine.render.throttle('THROTTLE_START', cgroup, node.name, engine.now));
      engine.at(until, () =>
        engine.emitLine(engine.render.throttle('THROTTLE_STOP', cgroup, node.name, engine.now)),
      );
    },
  );
}
