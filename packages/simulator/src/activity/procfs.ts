import type { Engine } from '../engine/engine.ts';
import type { SimProcess } from '../model/types.ts';
import { JIFFY, type Ns } from '../time/ns.ts';

/** procFS processes have jiffy-resolution start times (ktime from /proc/<pid>/stat). */
export function jiffyKtime(ktime: Ns): Ns {
  return Math.floor(ktime / JIFFY) * JIFFY;
}

export function procfsFlags(cwd: string): string {
  return cwd === '/' ? 'procFS rootcwd' : 'procFS';
}

/** Emits the procFS `process_exec` for a process that predates the agent, at its start time. */
export function discoverAt(engine: Engine, p: SimProcess): void {
  engine.at(p.startRel, () => {
    engine.markStarted(p);
    engine.emitExec(p);
  });
}
