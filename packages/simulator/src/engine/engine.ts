import { encodeExecId } from '@exectree/domain';
import type { Prng } from '../prng.ts';
import type { KprobeSpec } from '../cluster/profile.ts';
import type { ExitSpec, SimContainer, SimNode, SimProcess } from '../model/types.ts';
import { LineRenderer } from '../render/lines.ts';
import type { Timestamps } from '../time/timestamps.ts';
import type { Ns } from '../time/ns.ts';
import { MinHeap } from './heap.ts';
import type { EmittedRecord } from './record.ts';

const PID_MAX = 4_194_304;
const FIRST_RECYCLED_PID = 300;

interface Task {
  readonly owner: SimContainer | undefined;
  readonly run: () => void;
}

export interface NewProcess {
  readonly node: SimNode;
  readonly binary: string;
  readonly args: string;
  readonly cwd: string;
  readonly uid: number;
  readonly flags: string;
  readonly startRel: Ns;
  readonly parent: SimProcess | undefined;
  /** Only for processes without a parent object (systemd's parent is `<kernel>`). */
  readonly parentExecId?: string;
  readonly container: SimContainer | undefined;
  readonly containerPid?: number;
  readonly inInitTree: boolean;
  readonly maybeExecProbe?: boolean;
  readonly threads?: number;
  /** Reuse a pid (exec without fork); a fresh one is allocated otherwise. */
  readonly pid?: number;
  /** ktime override, e.g. jiffy-rounded for procFS; defaults to uptime + startRel. */
  readonly ktime?: Ns;
}

/**
 * The discrete-event core: tasks run in time order, and a task only ever emits lines stamped
 * with its own time, so the output is time-ordered by construction.
 */
export class Engine {
  now: Ns = Number.NEGATIVE_INFINITY;
  readonly render: LineRenderer;
  private readonly tasks = new MinHeap<Task>();
  private readonly out: EmittedRecord[] = [];
  private outHead = 0;

  constructor(
    readonly rng: Prng,
    readonly ts: Timestamps,
  ) {
    this.render = new LineRenderer(ts);
  }

  /** Runs `run` at `time` unless `owner` has died by then. */
  at(time: Ns, run: () => void, owner?: SimContainer): void {
    this.tasks.push(Math.round(time), { owner, run });
  }

  /** Runs tasks until at least one record is waiting; returns it, or undefined when idle. */
  next(): EmittedRecord | undefined {
    while (this.outHead >= this.out.length) {
      this.out.length = 0;
      this.outHead = 0;
      const entry = this.tasks.pop();
      if (entry === undefined) return undefined;
      this.now = entry.key;
      const { owner, run } = entry.value;
      if (owner === undefined || owner.alive) run();
    }
    return this.out[this.outHead++];
  }

  allocatePid(node: SimNode): number {
    const pid = node.nextPid;
    node.nextPid = pid + 1 >= PID_MAX ? FIRST_RECYCLED_PID : pid + 1;
    return pid;
  }

  createProcess(init: NewProcess): SimProcess {
    const pid = init.pid ?? this.allocatePid(init.node);
    const ktime = init.ktime ?? init.node.uptimeAtStart + init.startRel;
    return {
      node: init.node,
      execId: encodeExecId(init.node.name, ktime, pid),
      parentExecId: init.parent?.execId ?? init.parentExecId ?? '',
      pid,
      uid: init.uid,
      cwd: init.cwd,
      binary: init.binary,
      args: init.args,
      flags: init.flags,
      startRel: init.startRel,
      parent: init.parent,
      container: init.container,
      containerPid: init.containerPid ?? 0,
      inInitTree: init.inInitTree,
      maybeExecProbe: init.maybeExecProbe ?? false,
      threads: init.threads ?? 1,
      alive: false,
      ended: false,
      liveChildren: 0,
      liveIndex: -1,
      jsonHead: undefined,
    };
  }

  /** Bookkeeping when a process starts (exec, fork or procFS discovery). */
  markStarted(p: SimProcess): void {
    if (p.alive || p.ended) return;
    p.alive = true;
    if (p.parent !== undefined) p.parent.liveChildren++;
    const live = p.container?.live;
    if (live !== undefined) {
      p.liveIndex = live.length;
      live.push(p);
    }
  }

  /** Bookkeeping when a process exits or its image is replaced. */
  markEnded(p: SimProcess): void {
    if (p.ended) return;
    const wasAlive = p.alive;
    p.alive = false;
    p.ended = true;
    if (wasAlive && p.parent !== undefined) p.parent.liveChildren--;
    const live = p.container?.live;
    if (live !== undefined && p.liveIndex >= 0) {
      const last = live.pop();
      if (last !== undefined && last !== p) {
        live[p.liveIndex] = last;
        last.liveIndex = p.liveIndex;
      }
      p.liveIndex = -1;
    }
  }

  emitExec(p: SimProcess): void {
    this.push({ line: this.render.exec(p, this.now), time: this.now, kind: 'exec' });
  }

  emitExit(p: SimProcess, exit: ExitSpec): void {
    const now = this.now;
    const reduce = (): string => this.render.reducedExit(p, exit, now);
    this.push({ line: this.render.exit(p, exit, now), time: now, kind: 'exit', reduce });
  }

  emitKprobe(p: SimProcess, spec: KprobeSpec): void {
    const rng = this.rng;
    const tid = p.threads > 1 ? p.pid + rng.int(0, p.threads - 1) : p.pid;
    const saddr = p.container !== undefined ? p.container.pod.ip : p.node.ip;
    // A uint64 socket cookie, rendered as a string like every 64-bit protojson field.
    const cookie = `${rng.int(1, 9)}${rng.int(100_000_000, 999_999_999)}${rng.int(100_000_000, 999_999_999)}`;
    const socket = { saddr, sport: rng.int(32768, 60999), cookie };
    this.push({
      line: this.render.kprobe(p, tid, spec, socket, this.now),
      time: this.now,
      kind: 'kprobe',
    });
  }

  emitLine(line: string): void {
    this.push({ line, time: this.now, kind: 'loss' });
  }

  private push(record: EmittedRecord): void {
    this.out.push(record);
  }
}
