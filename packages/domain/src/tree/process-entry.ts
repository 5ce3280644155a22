import type { ExitInfo } from '../tetragon/parsed-event.ts';
import { createMergedProcess, hasFlag, type MergedProcess } from './merged-process.ts';
import { timeKey } from '../util/time.ts';
import type { Contribution } from './group-aggregates.ts';

/** The builder's record of one exec image (or of an exit it could not match yet). */
export interface ProcessEntry {
  merged: MergedProcess;
  /** Exit named by exec_id. */
  exit: ExitInfo | undefined;
  eventCount: number;
  /**
   * Set for the stand-in of an exit that carried only pid and start_time: it is shown
   * until a process with that node, pid and start time is known, then hidden.
   */
  pendingExitKey: string | undefined;
  /** Current group, "" while hidden. */
  group: string;
  /** Group the last drained delta reported it in. */
  reportedGroup: string | undefined;
  /** Paths this process downloads (curl/wget), registered under `group`. */
  downloads: string[];
  /** What it currently adds to its group's summary; undefined while hidden. */
  contribution: Contribution | undefined;
}

export function pidStartKey(
  node: string | undefined,
  pid: number | undefined,
  startKey: string,
): string | undefined {
  if (pid === undefined || startKey === '') return undefined;
  return `${node ?? ''}:${pid}:${startKey}`;
}

export const PENDING_EXIT_PREFIX = 'exit-only:';

export function createEntry(execId: string, pendingExitKey: string | undefined): ProcessEntry {
  return {
    merged: createMergedProcess(execId),
    exit: undefined,
    eventCount: 0,
    pendingExitKey,
    group: '',
    reportedGroup: undefined,
    downloads: [],
    contribution: undefined,
  };
}

/** node:pid:start of a real process, which reduced exits are matched by. */
export function pidStartKeyOf(entry: ProcessEntry): string | undefined {
  if (entry.pendingExitKey !== undefined) return undefined;
  const v = entry.merged.values;
  return pidStartKey(v.node, v.pid, timeKey(v.startTime));
}

/** parent|pid for a child that could have replaced its parent (no clone, no procFS). */
export function replacerKeyOf(entry: ProcessEntry): string | undefined {
  const v = entry.merged.values;
  if (entry.pendingExitKey !== undefined || v.parentExecId === undefined || v.pid === undefined) {
    return undefined;
  }
  if (hasFlag(v.flags, 'clone') || hasFlag(v.flags, 'procFS')) return undefined;
  return `${v.parentExecId}|${v.pid}`;
}
