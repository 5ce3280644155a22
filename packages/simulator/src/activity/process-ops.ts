import type { Command, KprobeSpec } from '../cluster/profile.ts';
import type { Engine } from '../engine/engine.ts';
import type { ExitSpec, SimContainer, SimProcess } from '../model/types.ts';
import type { Ns } from '../time/ns.ts';

/** What every process started in one activity shares. */
export interface Lineage {
  readonly container: SimContainer | undefined;
  readonly inInitTree: boolean;
  readonly maybeExecProbe: boolean;
}

export function execFlags(cwd: string, clone: boolean): string {
  return 'execve' + (cwd === '/' ? ' rootcwd' : '') + (clone ? ' clone' : '');
}

/** fork + exec of `image` by `parent` at `t`. */
export function spawnAt(
  engine: Engine,
  parent: SimProcess,
  image: Command,
  t: Ns,
  lineage: Lineage,
): SimProcess {
  const cwd = image.cwd ?? parent.cwd;
  const container = lineage.container;
  const p = engine.createProcess({
    node: parent.node,
    binary: image.binary,
    args: image.args ?? '',
    cwd,
    uid: image.uid ?? parent.uid,
    flags: execFlags(cwd, true),
    startRel: t,
    parent,
    container,
    ...(container !== undefined ? { containerPid: container.nextPid++ } : {}),
    inInitTree: lineage.inInitTree,
    maybeExecProbe: lineage.maybeExecProbe,
    threads: image.threads ?? 1,
  });
  engine.at(
    t,
    () => {
      engine.markStarted(p);
      engine.emitExec(p);
    },
    container,
  );
  return p;
}

/** exec without fork: same pid, new exec_id, no `clone` flag; the old image never exits. */
export function replaceAt(engine: Engine, old: SimProcess, image: Command, t: Ns): SimProcess {
  const cwd = image.cwd ?? old.cwd;
  const p = engine.createProcess({
    node: old.node,
    binary: image.binary,
    args: image.args ?? '',
    cwd,
    uid: image.uid ?? old.uid,
    flags: execFlags(cwd, false),
    startRel: t,
    parent: old,
    container: old.container,
    containerPid: old.containerPid,
    inInitTree: old.inInitTree,
    maybeExecProbe: old.maybeExecProbe,
    threads: image.threads ?? 1,
    pid: old.pid,
  });
  engine.at(
    t,
    () => {
      engine.markEnded(old);
      engine.markStarted(p);
      engine.emitExec(p);
    },
    old.container,
  );
  return p;
}

/** fork without exec: no exec event; binary, arguments and cwd are the parent's. */
export function forkAt(
  engine: Engine,
  parent: SimProcess,
  t: Ns,
  threads: number = parent.threads,
): SimProcess {
  const container = parent.container;
  const p = engine.createProcess({
    node: parent.node,
    binary: parent.binary,
    args: parent.args,
    cwd: parent.cwd,
    uid: parent.uid,
    flags: 'execve',
    startRel: t,
    parent,
    container,
    ...(container !== undefined ? { containerPid: container.nextPid++ } : {}),
    inInitTree: parent.inInitTree,
    maybeExecProbe: parent.maybeExecProbe,
    threads,
  });
  engine.at(t, () => engine.markStarted(p), container);
  return p;
}

export function exitAt(engine: Engine, p: SimProcess, t: Ns, exit: ExitSpec): void {
  engine.at(
    t,
    () => {
      if (!p.alive) return;
      engine.markEnded(p);
      engine.emitExit(p, exit);
    },
    p.container,
  );
}

export function kprobeAt(engine: Engine, p: SimProcess, t: Ns, spec: KprobeSpec): void {
  engine.at(
    t,
    () => {
      if (p.alive) engine.emitKprobe(p, spec);
    },
    p.container,
  );
}
