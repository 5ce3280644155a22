import type { ExitInfo } from '../tetragon/parsed-event.ts';
import type { ProcessState } from '../process.ts';
import type { PodInfo } from '../tetragon/parsed-event.ts';
import { MergedProcess, STAND_IN_FLAG, hasFlag } from './merged-process.ts';
import { timeKey } from '../util/time.ts';
import { packNanos, packSeconds, unpackTime, type PackedSeconds } from '../util/compact-time.ts';
import type { Contribution } from './group-aggregates.ts';

export const PENDING_EXIT_PREFIX = 'exit-only:';

const STATES: readonly ProcessState[] = ['running', 'exited', 'replaced'];
const FLAGGED = 4;

/**
 * The builder's record of one exec image (or of an exit it could not match yet): its merged
 * snapshot fields plus what the builder tracks about it. The tree holds one per process, so
 * it is one flat object: the exit and the group contribution are kept as plain fields and
 * handed out as objects only when asked for.
 */
export class ProcessEntry extends MergedProcess {
  /** Exit named by exec_id: status (undefined while none), signal and time. */
  private exitStatus: number | undefined = undefined;
  private exitSignal: string | null = null;
  private exitSeconds: PackedSeconds = undefined;
  private exitNanos = 0;
  /** Current group, "" while hidden. */
  group = '';
  /** Group the last drained delta reported it in. */
  reportedGroup: string | undefined = undefined;
  /** What it currently adds to its group's summary (see `contribution`); group undefined: nothing. */
  private contributedGroup: string | undefined = undefined;
  private contributedState = 0;
  private contributedStartSeconds: PackedSeconds = undefined;
  private contributedStartNanos = 0;
  private contributedLastSeconds: PackedSeconds = undefined;
  private contributedLastNanos = 0;
  private contributedNode = '';
  private contributedPod: PodInfo | undefined = undefined;

  /**
   * `pendingExitKey` is set for the stand-in of an exit that carried only pid and
   * start_time: it is shown until a process with that node, pid and start time is known,
   * then hidden. Its exec id is PENDING_EXIT_PREFIX + that key.
   */
  constructor(execId: string, pendingExitKey: string | undefined) {
    super(execId);
    if (pendingExitKey !== undefined) this.ranks |= STAND_IN_FLAG;
  }

  get pendingExitKey(): string | undefined {
    return this.ranks & STAND_IN_FLAG ? this.execId.slice(PENDING_EXIT_PREFIX.length) : undefined;
  }

  get exit(): ExitInfo | undefined {
    if (this.exitStatus === undefined) return undefined;
    const time = unpackTime(this.exitSeconds, this.exitNanos);
    return { status: this.exitStatus, signal: this.exitSignal, time };
  }

  set exit(exit: ExitInfo | undefined) {
    this.exitStatus = exit?.status;
    this.exitSignal = exit?.signal ?? null;
    this.exitSeconds = packSeconds(exit?.time);
    this.exitNanos = packNanos(exit?.time);
  }

  /** What it currently adds to its group's summary; undefined while hidden. */
  get contribution(): Contribution | undefined {
    if (this.contributedGroup === undefined) return undefined;
    return {
      group: this.contributedGroup,
      state: STATES[this.contributedState & 3] ?? 'running',
      flagged: (this.contributedState & FLAGGED) !== 0,
      start: unpackTime(this.contributedStartSeconds, this.contributedStartNanos) ?? null,
      last: unpackTime(this.contributedLastSeconds, this.contributedLastNanos) ?? null,
      node: this.contributedNode,
      pod: this.contributedPod,
    };
  }

  set contribution(c: Contribution | undefined) {
    this.contributedGroup = c?.group;
    this.contributedState = c ? STATES.indexOf(c.state) | (c.flagged ? FLAGGED : 0) : 0;
    this.contributedStartSeconds = packSeconds(c?.start);
    this.contributedStartNanos = packNanos(c?.start);
    this.contributedLastSeconds = packSeconds(c?.last);
    this.contributedLastNanos = packNanos(c?.last);
    this.contributedNode = c?.node ?? '';
    this.contributedPod = c?.pod;
  }
}

export function pidStartKey(
  node: string | undefined,
  pid: number | undefined,
  startKey: string,
): string | undefined {
  if (pid === undefined || startKey === '') return undefined;
  return `${node ?? ''}:${pid}:${startKey}`;
}

/** node:pid:start of a real process, which reduced exits are matched by. */
export function pidStartKeyOf(entry: ProcessEntry): string | undefined {
  if (entry.pendingExitKey !== undefined) return undefined;
  return pidStartKey(entry.node, entry.pid, timeKey(entry.startTime));
}

/** parent|pid for a child that could have replaced its parent (no clone, no procFS). */
export function replacerKeyOf(entry: ProcessEntry): string | undefined {
  if (
    entry.pendingExitKey !== undefined ||
    entry.parentExecId === undefined ||
    entry.pid === undefined
  ) {
    return undefined;
  }
  if (hasFlag(entry.flags, 'clone') || hasFlag(entry.flags, 'procFS')) return undefined;
  return `${entry.parentExecId}|${entry.pid}`;
}
