import { imageOf } from '../cluster/naming.ts';
import type { Command } from '../cluster/profile.ts';
import type { ExitSpec, SimContainer, SimPod, SimProcess } from '../model/types.ts';
import { renderPodParts } from '../render/process-json.ts';
import { MICROSECOND, SECOND, type Ns } from '../time/ns.ts';
import { startContainerDrivers } from './drivers.ts';
import { forkAt, spawnAt, type Lineage } from './process-ops.ts';
import { discoverAt, jiffyKtime, procfsFlags } from './procfs.ts';
import { runImage } from './run-command.ts';
import { msBetween, poissonDelay, type World } from './world.ts';

export function createContainer(world: World, pod: SimPod, startRel: Ns): SimContainer {
  const container: SimContainer = {
    pod,
    id: world.rng.hex(64),
    image: imageOf(pod.profile.image),
    startRel,
    alive: true,
    nextPid: 1,
    main: undefined,
    workers: [],
    live: [],
    throttledUntil: Number.NEGATIVE_INFINITY,
    podJsonHead: '',
    podJsonTail: '',
  };
  const parts = renderPodParts(container, world.engine.ts);
  container.podJsonHead = parts.head;
  container.podJsonTail = parts.tail;
  pod.container = container;
  return container;
}

/** The long-running image at the end of the boot chain, with inherited cwd and uid. */
function finalImage(boot: Command): { image: Command; cwd: string; uid: number } {
  let image = boot;
  let cwd = boot.cwd ?? '/';
  let uid = boot.uid ?? 0;
  while (image.then !== undefined) {
    image = image.then;
    cwd = image.cwd ?? cwd;
    uid = image.uid ?? uid;
  }
  return { image, cwd, uid };
}

/** A container starting now: the init's whole exec chain, then its forked workers. */
export function bootLive(world: World, container: SimContainer, t: Ns): void {
  const { engine } = world;
  const profile = container.pod.profile;
  const lineage: Lineage = { container, inInitTree: true, maybeExecProbe: false };
  const init = spawnAt(engine, container.pod.shim, profile.boot, t, lineage);
  const run = runImage(engine, init, profile.boot, t, lineage, true);
  container.main = run.last;
  let cursor = run.end;
  for (let i = 0; i < (profile.workers?.count ?? 0); i++) {
    cursor += msBetween(world, 1, 8);
    container.workers.push(forkAt(engine, run.last, cursor, profile.workers?.threads));
  }
  startLifecycle(world, container, cursor + SECOND);
}

/** A container that was already running when the agent started: only procFS execs. */
export function bootProcfs(world: World, container: SimContainer, t: Ns): void {
  const { engine } = world;
  const pod = container.pod;
  const node = pod.node;
  const { image, cwd, uid } = finalImage(pod.profile.boot);
  const discovered = (startRel: Ns, parent: SimProcess, threads: number): SimProcess => {
    const ktime = jiffyKtime(node.uptimeAtStart + startRel);
    const p = engine.createProcess({
      node,
      binary: image.binary,
      args: image.args ?? '',
      cwd,
      uid,
      flags: procfsFlags(cwd),
      startRel: ktime - node.uptimeAtStart,
      ktime,
      parent,
      container,
      containerPid: container.nextPid++,
      inInitTree: true,
      threads,
    });
    discoverAt(engine, p);
    return p;
  };
  const main = discovered(t, pod.shim, image.threads ?? 1);
  container.main = main;
  let cursor = t;
  for (let i = 0; i < (pod.profile.workers?.count ?? 0); i++) {
    cursor += msBetween(world, 30, 400);
    container.workers.push(discovered(cursor, main, pod.profile.workers?.threads ?? 1));
  }
  startLifecycle(world, container, 0);
}

function startLifecycle(world: World, container: SimContainer, from: Ns): void {
  startContainerDrivers(world, container, from);
  const crash = container.pod.profile.containerCrash;
  if (crash === undefined) return;
  const { engine } = world;
  engine.at(
    from + poissonDelay(world, crash.meanIntervalS),
    () => crashContainer(world, container, engine.now, crash.signal),
    container,
  );
}

function depthInContainer(p: SimProcess): number {
  let depth = 0;
  for (let q = p.parent; q !== undefined && q.container === p.container; q = q.parent) depth++;
  return depth;
}

/** The container dies at `t`: every live process exits, deepest first. */
export function terminateContainer(
  world: World,
  container: SimContainer,
  t: Ns,
  exitFor: (p: SimProcess) => ExitSpec,
): void {
  const { engine, rng } = world;
  engine.at(
    t,
    () => {
      container.alive = false;
      const victims = [...container.live].sort(
        (a, b) => depthInContainer(b) - depthInContainer(a) || b.startRel - a.startRel,
      );
      let when = engine.now;
      for (const p of victims) {
        when += rng.int(30 * MICROSECOND, 400 * MICROSECOND);
        engine.at(when, () => {
          if (!p.alive) return;
          engine.markEnded(p);
          engine.emitExit(p, exitFor(p));
        });
      }
    },
    container,
  );
}

/** The main process crashes; the kubelet starts a new container in the same pod after a back-off. */
export function crashContainer(world: World, container: SimContainer, t: Ns, signal: string): void {
  const { engine } = world;
  const pod = container.pod;
  terminateContainer(world, container, t, (p) =>
    p === container.main ? { signal } : { signal: 'SIGKILL' },
  );
  pod.restarts++;
  const backoffS = Math.min(300, 10 * 2 ** Math.min(pod.restarts - 1, 5));
  engine.at(t + backoffS * SECOND + msBetween(world, 100, 900), () => {
    if (!pod.alive) return;
    const fresh = createContainer(world, pod, engine.now);
    bootLive(world, fresh, engine.now + msBetween(world, 30, 150));
  });
}
