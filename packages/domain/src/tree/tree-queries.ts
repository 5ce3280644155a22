import type { Process, ProcessTreeRoot } from '../process.ts';
import { compareProcesses, shapeTree } from './tree-shape.ts';

/** What the read queries need from the builder's indexes. */
export interface TreeIndex {
  process(execId: string): Process | undefined;
  memberIds(group: string): Iterable<string> | undefined;
  childIds(execId: string): Iterable<string> | undefined;
  parentId(execId: string): string | undefined;
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
