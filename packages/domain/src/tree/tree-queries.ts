import type { Process, ProcessTreeRoot } from '../process.ts';
import { compareProcesses, shapeTree } from './tree-shape.ts';

/** What the read queries need from the builder's indexes. */
export interface TreeIndex {
  process(execId: string): Process | undefined;
  memberIds(group: string): Iterable<string> | undefined;
  childIds(execId: string): Iterable<string> | undefined;
  parentId(execId: string): string | undefined;
  /** Current group, "" while hidden; undefined for an unknown id. */
  groupOf(execId: string): string | undefined;
  /** Time key of when it ended ("" when that time is unknown); undefined while it runs. */
  endedKey(execId: string): string | undefined;
}

/** Processes of a group in start-time order. */
export function groupProcesses(index: TreeIndex, group: string): Process[] {
  const ids = index.memberIds(group);
  if (!ids) return [];
  return [...ids]
    .map((id) => index.process(id))
    .filter((p) => p !== undefined)
    .sort(compareProcesses);
}

export function groupTree(index: TreeIndex, group: string): ProcessTreeRoot[] {
  return shapeTree(groupProcesses(index, group), (root) => {
    if (root.parentExecId === null || root.parentExecId === root.execId) return null;
    const parent = index.process(root.parentExecId);
    return parent && parent.group !== group ? parent : null;
  });
}

/** Nearest first, across group boundaries, stopping at the first repeat. */
export function ancestorsOf(index: TreeIndex, execId: string): Process[] {
  const result: Process[] = [];
  const seen = new Set<string>([execId]);
  let parentId = index.parentId(execId);
  while (parentId !== undefined && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = index.process(parentId);
    if (!parent) break;
    result.push(parent);
    parentId = parent.parentExecId ?? undefined;
  }
  return result;
}

export function childrenOf(index: TreeIndex, execId: string): Process[] {
  const ids = index.childIds(execId);
  if (!ids) return [];
  return [...ids]
    .filter((id) => id !== execId)
    .map((id) => index.process(id))
    .filter((p) => p !== undefined)
    .sort(compareProcesses);
}

/**
 * Up to `count` processes of the group that have ended and have no child in the group, the
 * longest ended first (exit time, then exec id), read from the indexes without building
 * views. Ids in `gone` count as already removed, so a caller can peel leaves pass by pass
 * and forget them all at once.
 */
export function oldestEndedLeaves(
  index: TreeIndex,
  group: string,
  count: number,
  gone: ReadonlySet<string> = new Set(),
): string[] {
  if (count <= 0) return [];
  const leaves: [key: string, execId: string][] = [];
  for (const execId of index.memberIds(group) ?? []) {
    if (gone.has(execId)) continue;
    const key = index.endedKey(execId);
    if (key === undefined || hasChildIn(index, execId, group, gone)) continue;
    leaves.push([key, execId]);
  }
  leaves.sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : 1));
  return leaves.slice(0, count).map(([, execId]) => execId);
}

function hasChildIn(
  index: TreeIndex,
  execId: string,
  group: string,
  gone: ReadonlySet<string>,
): boolean {
  for (const child of index.childIds(execId) ?? []) {
    if (child !== execId && !gone.has(child) && index.groupOf(child) === group) return true;
  }
  return false;
}
