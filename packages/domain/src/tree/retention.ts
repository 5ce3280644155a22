import type { ProcessState } from '../process.ts';
import { timeKey } from '../util/time.ts';
import { PENDING_EXIT_PREFIX, pidStartKey } from './process-entry.ts';

/** What retention needs to know about one stored process. */
export interface RetentionProcess {
  execId: string;
  parentExecId: string | null;
  state: ProcessState;
  startTime: string | null;
  exitTime: string | null;
}

/** A process and all its descendants, every one of which has exited or been replaced. */
export interface EndedSubtree {
  root: string;
  /** The root first, then its descendants. */
  execIds: string[];
  /** Time key of the newest start or exit in the subtree; "" when none is known. */
  newestKey: string;
}

export interface EndedSubtreeOptions {
  /** Only subtrees whose newest start or exit is before this time key. */
  before?: string;
}

/** The time key `maxAgeMs` before `nowMs`: events older than it are expired. */
export function retentionCutoffKey(nowMs: number, maxAgeMs: number): string {
  return timeKey(new Date(nowMs - maxAgeMs).toISOString());
}

/**
 * The id of the stand-in an exit without exec_id gets (see tree-semantics.md, 3): a store
 * that deletes a process must delete the exits stored under this id too, or a rebuild would
 * show them again.
 */
export function exitOnlyId(
  node: string,
  pid: number | null,
  startTime: string | null,
): string | undefined {
  const key = pidStartKey(node, pid ?? undefined, timeKey(startTime));
  return key === undefined ? undefined : PENDING_EXIT_PREFIX + key;
}

/**
 * The subtrees retention may delete, oldest first: each is a process with all its
 * descendants, none running, none an ancestor of a running process. With `before`, a
 * process is included only if the newest start or exit among it and its descendants is
 * older; without it the subtrees are the largest ones that have ended. Parent loops (bad
 * data) are handled: a loop with no root above it hangs under its smallest exec id.
 */
export function endedSubtrees(
  processes: Iterable<RetentionProcess>,
  options: EndedSubtreeOptions = {},
): EndedSubtree[] {
  const byId = new Map<string, RetentionProcess>();
  for (const process of processes) byId.set(process.execId, process);
  const parentOf = (process: RetentionProcess): RetentionProcess | undefined =>
    process.parentExecId === null || process.parentExecId === process.execId
      ? undefined
      : byId.get(process.parentExecId);

  const blocked = runningAndAncestors(byId.values(), parentOf);
  const newest = newestInSubtree(byId.values(), parentOf);
  const { before } = options;
  const eligible = (process: RetentionProcess) =>
    !blocked.has(process.execId) &&
    (before === undefined || (newest.get(process.execId) ?? '') < before);

  const children = new Map<string, RetentionProcess[]>();
  for (const process of byId.values()) {
    const parent = parentOf(process);
    if (!parent || !eligible(process)) continue;
    const siblings = children.get(parent.execId);
    if (siblings) siblings.push(process);
    else children.set(parent.execId, [process]);
  }

  const covered = new Set<string>();
  const subtrees: EndedSubtree[] = [];
  const collect = (root: RetentionProcess) => {
    const execIds: string[] = [];
    covered.add(root.execId);
    execIds.push(root.execId);
    for (let index = 0; index < execIds.length; index += 1) {
      for (const child of children.get(execIds[index] ?? '') ?? []) {
        if (covered.has(child.execId)) continue;
        covered.add(child.execId);
        execIds.push(child.execId);
      }
    }
    subtrees.push({ root: root.execId, execIds, newestKey: newest.get(root.execId) ?? '' });
  };

  for (const process of byId.values()) {
    const parent = parentOf(process);
    if (eligible(process) && (!parent || !eligible(parent))) collect(process);
  }
  // What is left eligible sits in or under a parent loop whose members are all eligible.
  for (const process of byId.values()) {
    if (covered.has(process.execId) || !eligible(process)) continue;
    collect(loopRoot(process, parentOf));
  }

  return subtrees.sort((a, b) =>
    a.newestKey !== b.newestKey ? (a.newestKey < b.newestKey ? -1 : 1) : a.root < b.root ? -1 : 1,
  );
}

type ParentOf = (process: RetentionProcess) => RetentionProcess | undefined;

/** Running processes and everything above them; walks stop at what is already marked. */
function runningAndAncestors(processes: Iterable<RetentionProcess>, parentOf: ParentOf) {
  const blocked = new Set<string>();
  for (const process of processes) {
    if (process.state !== 'running') continue;
    for (let p: RetentionProcess | undefined = process; p && !blocked.has(p.execId);) {
      blocked.add(p.execId);
      p = parentOf(p);
    }
  }
  return blocked;
}

/**
 * The newest start or exit among each process and its descendants. Walking up from the
 * newest process first, the first value to reach a process is its answer, so each walk
 * stops at the first process already set and the whole pass stays near-linear.
 */
function newestInSubtree(processes: Iterable<RetentionProcess>, parentOf: ParentOf) {
  const own = [...processes].map((process) => {
    const start = timeKey(process.startTime);
    const exit = timeKey(process.exitTime);
    return { process, key: start > exit ? start : exit };
  });
  own.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  const newest = new Map<string, string>();
  for (const { process, key } of own) {
    for (let p: RetentionProcess | undefined = process; p && !newest.has(p.execId);) {
      newest.set(p.execId, key);
      p = parentOf(p);
    }
  }
  return newest;
}

/** The smallest exec id of the loop reached by walking up from `start`. */
function loopRoot(start: RetentionProcess, parentOf: ParentOf): RetentionProcess {
  const seen = new Set<string>();
  let p = start;
  for (let up = parentOf(p); up && !seen.has(p.execId); up = parentOf(p)) {
    seen.add(p.execId);
    p = up;
  }
  // `p` is on the loop now; walk it once more to find its smallest member.
  let smallest = p;
  for (let q = parentOf(p); q && q !== p; q = parentOf(q)) {
    if (q.execId < smallest.execId) smallest = q;
  }
  return smallest;
}
