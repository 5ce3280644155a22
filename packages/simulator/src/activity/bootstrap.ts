import { DAEMONSETS, PLACEMENT_ORDER } from '../cluster/profiles/index.ts';
import type { Profile } from '../cluster/profile.ts';
import { createNodes } from '../cluster/nodes.ts';
import { Engine } from '../engine/engine.ts';
import type { SimNode } from '../model/types.ts';
import type { Prng } from '../prng.ts';
import { DAY, MINUTE, type Ns } from '../time/ns.ts';
import type { Timestamps } from '../time/timestamps.ts';
import { startPodChurn } from './churn.ts';
import { bootProcfs, createContainer } from './containers.ts';
import { createHostProcesses, startHostActivity } from './host.ts';
import { startLossMarkers } from './loss.ts';
import { SANDBOX_TO_CONTAINER, createPod } from './pods.ts';
import { runSession } from './sessions.ts';
import { startSuspiciousActivity } from './suspicious.ts';
import { msBetween, type World } from './world.ts';

export interface ClusterShape {
  readonly nodes: number;
  readonly podsPerNode: number;
}

/** DaemonSets first on every node, then the placement order, cycled across nodes. */
function placement(shape: ClusterShape): Profile[][] {
  const perNode: Profile[][] = [];
  let next = 0;
  for (let n = 0; n < shape.nodes; n++) {
    const profiles = DAEMONSETS.slice(0, shape.podsPerNode);
    perNode.push(profiles);
  }
  for (let slot = DAEMONSETS.length; slot < shape.podsPerNode; slot++) {
    for (const profiles of perNode) {
      const profile = PLACEMENT_ORDER[next++ % PLACEMENT_ORDER.length];
      if (profile !== undefined) profiles.push(profile);
    }
  }
  return perNode;
}

/** Pods already running when the agent starts; DaemonSets since shortly after boot. */
function historicalStart(world: World, node: SimNode, profile: Profile): Ns {
  const oldest = -Math.min(node.uptimeAtStart - 10 * MINUTE, 7 * DAY);
  if (profile.kind === 'DaemonSet') return oldest + msBetween(world, 30_000, 240_000);
  return world.rng.int(oldest, -2 * MINUTE);
}

function populateNode(world: World, node: SimNode, profiles: readonly Profile[]): void {
  createHostProcesses(world, node);
  const starts = profiles.map((profile) => ({
    profile,
    start: historicalStart(world, node, profile),
  }));
  // Creating pods oldest first hands out pids in start order, as the kernel did.
  starts.sort((a, b) => a.start - b.start);
  for (const { profile, start } of starts) {
    const pod = createPod(world, node, profile, start, true);
    const container = createContainer(world, pod, start + SANDBOX_TO_CONTAINER);
    bootProcfs(world, container, container.startRel + msBetween(world, 20, 150));
  }
  startHostActivity(world, node);
  startLossMarkers(world, node, 600);
}

/** An early, ordinary `kubectl exec`, so short streams show one too. */
function scheduleFirstSession(world: World): void {
  const { engine, rng } = world;
  engine.at(msBetween(world, 20_000, 60_000), () => {
    const containers = world.nodes.flatMap((node) =>
      node.pods.flatMap((pod) =>
        pod.container?.alive === true && pod.profile.sessionCommands.length > 0
          ? [pod.container]
          : [],
      ),
    );
    if (containers.length === 0) return;
    const container = rng.pick(containers);
    const commands = [0, 1, 2].map(() =>
      rng.pick(container.pod.profile.sessionCommands)(rng, container.pod),
    );
    runSession(world, container, engine.now, commands);
  });
}

export function buildWorld(rng: Prng, ts: Timestamps, shape: ClusterShape): World {
  const world: World = {
    engine: new Engine(rng, ts),
    rng,
    nodes: createNodes(rng, shape.nodes),
    templateHashes: new Map(),
    ordinals: new Map(),
  };
  const perNode = placement(shape);
  world.nodes.forEach((node, i) => populateNode(world, node, perNode[i] ?? []));
  scheduleFirstSession(world);
  startSuspiciousActivity(world, 420);
  startPodChurn(world, 600);
  return world;
}
