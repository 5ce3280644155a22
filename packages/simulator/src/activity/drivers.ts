import type { SimContainer, SimProcess } from '../model/types.ts';
import { SECOND, type Ns } from '../time/ns.ts';
import { exitAt, forkAt } from './process-ops.ts';
import { repeat } from './repeat.ts';
import { runCommand } from './run-command.ts';
import { createRunc } from './runc.ts';
import { runSession } from './sessions.ts';
import { msBetween, poissonDelay, type World } from './world.ts';

/** Mean seconds between `kubectl exec` sessions into one container. */
const SESSION_MEAN_S = 1800;

function pickAlive(world: World, candidates: readonly SimProcess[]): SimProcess | undefined {
  const alive = candidates.filter((p) => p.alive);
  return alive.length > 0 ? world.rng.pick(alive) : undefined;
}

/** New activity is held back while the container's cgroup is throttled. */
function active(world: World, container: SimContainer): boolean {
  return world.engine.now >= container.throttledUntil;
}

function startProbe(world: World, container: SimContainer, from: Ns): void {
  const probe = container.pod.profile.probe;
  if (probe === undefined) return;
  const { engine, rng } = world;
  const period = Math.round(probe.periodS * SECOND);
  const jitter = Math.round(period / 50);
  repeat(
    engine,
    container,
    from + rng.int(0, period),
    () => period + rng.int(-jitter, jitter),
    () => {
      if (!active(world, container)) return;
      const t = engine.now;
      const runc = createRunc(world, container, t, false);
      const lineage = { container, inInitTree: false, maybeExecProbe: true };
      runCommand(engine, runc, probe.command(rng, container.pod), t, lineage);
    },
  );
}

function startJobs(world: World, container: SimContainer, from: Ns): void {
  const { engine, rng } = world;
  for (const job of container.pod.profile.jobs ?? []) {
    repeat(
      engine,
      container,
      from + poissonDelay(world, job.meanIntervalS),
      () => poissonDelay(world, job.meanIntervalS),
      () => {
        if (!active(world, container)) return;
        const source =
          (job.from === 'worker' ? pickAlive(world, container.workers) : undefined) ??
          container.main;
        if (source === undefined || !source.alive) return;
        const lineage = { container, inInitTree: source.inInitTree, maybeExecProbe: false };
        runCommand(engine, source, job.command(rng, container.pod), engine.now, lineage);
      },
    );
  }
}

function startForkJobs(world: World, container: SimContainer, from: Ns): void {
  const forkJobs = container.pod.profile.forkJobs;
  if (forkJobs === undefined) return;
  const { engine } = world;
  repeat(
    engine,
    container,
    from + poissonDelay(world, forkJobs.meanIntervalS),
    () => poissonDelay(world, forkJobs.meanIntervalS),
    () => {
      const main = container.main;
      if (main === undefined || !main.alive || !active(world, container)) return;
      const child = forkAt(engine, main, engine.now);
      exitAt(engine, child, engine.now + msBetween(world, ...forkJobs.runMs), {});
    },
  );
}

function startWorkerCrashes(world: World, container: SimContainer, from: Ns): void {
  const crash = container.pod.profile.workerCrash;
  if (crash === undefined) return;
  const { engine, rng } = world;
  repeat(
    engine,
    container,
    from + poissonDelay(world, crash.meanIntervalS),
    () => poissonDelay(world, crash.meanIntervalS),
    () => {
      const victim = pickAlive(world, container.workers);
      const main = container.main;
      if (victim === undefined || main === undefined || !main.alive) return;
      exitAt(engine, victim, engine.now, { signal: rng.pick(crash.signals) });
      // The master notices the dead worker and forks a replacement.
      const replacement = forkAt(
        engine,
        main,
        engine.now + msBetween(world, 5, 80),
        victim.threads,
      );
      container.workers[container.workers.indexOf(victim)] = replacement;
    },
  );
}

function startKprobes(world: World, container: SimContainer, from: Ns): void {
  const { engine, rng } = world;
  const kprobes = container.pod.profile.kprobes;
  repeat(
    engine,
    container,
    from + poissonDelay(world, kprobes.meanIntervalS),
    () => poissonDelay(world, kprobes.meanIntervalS),
    () => {
      // The workload's own processes; exec'd sessions and probes carry their own kprobes.
      const own = container.live.filter((p) => p.inInitTree);
      if (own.length === 0 || kprobes.specs.length === 0) return;
      engine.emitKprobe(rng.pick(own), rng.pick(kprobes.specs));
    },
  );
}

function startSessions(world: World, container: SimContainer, from: Ns): void {
  const profile = container.pod.profile;
  if (profile.sessionCommands.length === 0) return;
  const { engine, rng } = world;
  repeat(
    engine,
    container,
    from + poissonDelay(world, SESSION_MEAN_S),
    () => poissonDelay(world, SESSION_MEAN_S),
    () => {
      if (!active(world, container)) return;
      const count = rng.int(2, 6);
      const commands = Array.from({ length: count }, () =>
        rng.pick(profile.sessionCommands)(rng, container.pod),
      );
      runSession(world, container, engine.now, commands);
    },
  );
}

/** Everything a running container does on its own, from `from` on, for as long as it lives. */
export function startContainerDrivers(world: World, container: SimContainer, from: Ns): void {
  startProbe(world, container, from);
  startJobs(world, container, from);
  startForkJobs(world, container, from);
  startWorkerCrashes(world, container, from);
  startKprobes(world, container, from);
  startSessions(world, container, from);
}
