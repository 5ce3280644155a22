import type { Command } from '../cluster/profile.ts';
import type { Engine } from '../engine/engine.ts';
import type { ExitSpec, SimProcess } from '../model/types.ts';
import { MICROSECOND, MILLISECOND, SECOND, type Ns } from '../time/ns.ts';
import { exitAt, kprobeAt, replaceAt, spawnAt, type Lineage } from './process-ops.ts';

const CLEAN_EXIT: ExitSpec = {};
const DEFAULT_RUN_MS: readonly [number, number] = [1, 30];
const DEFAULT_PAUSE_MS: readonly [number, number] = [0.1, 1.5];

export interface ImageRun {
  /** The final image (after any exec without fork). */
  readonly last: SimProcess;
  /** When it exited, or, for a long-running image, when it finished starting up. */
  readonly end: Ns;
}

function between(engine: Engine, range: readonly [number, number], unit: Ns): Ns {
  return engine.rng.int(Math.round(range[0] * unit), Math.round(range[1] * unit));
}

/** Schedules `cmd` as a fork + exec child of `parent` starting at `t`; returns its exit time. */
export function runCommand(
  engine: Engine,
  parent: SimProcess,
  cmd: Command,
  t: Ns,
  lineage: Lineage,
): Ns {
  const p = spawnAt(engine, parent, cmd, t, lineage);
  return runImage(engine, p, cmd, t, lineage, false).end;
}

/** Plays out one already-started image: its children, kprobes, replacement and exit. */
export function runImage(
  engine: Engine,
  p: SimProcess,
  cmd: Command,
  t: Ns,
  lineage: Lineage,
  keepRunning: boolean,
): ImageRun {
  const rng = engine.rng;
  let cursor = t + rng.int(150 * MICROSECOND, 2 * MILLISECOND);
  const pause = cmd.pauseMs ?? DEFAULT_PAUSE_MS;
  for (const child of cmd.children ?? []) {
    cursor = runCommand(engine, p, child, cursor, lineage) + between(engine, pause, MILLISECOND);
  }
  if (cmd.then !== undefined) {
    const next = replaceAt(engine, p, cmd.then, cursor);
    return runImage(engine, next, cmd.then, cursor, lineage, keepRunning);
  }
  const runFor = keepRunning
    ? 5 * SECOND
    : between(engine, cmd.runMs ?? DEFAULT_RUN_MS, MILLISECOND);
  const kprobeTimes = (cmd.kprobes ?? []).map(() => cursor + rng.int(1, Math.max(1, runFor - 1)));
  kprobeTimes.sort((a, b) => a - b);
  (cmd.kprobes ?? []).forEach((spec, i) => kprobeAt(engine, p, kprobeTimes[i] ?? cursor, spec));
  if (keepRunning) return { last: p, end: cursor };
  const end = cursor + runFor;
  exitAt(engine, p, end, cmd.exit ?? CLEAN_EXIT);
  return { last: p, end };
}
