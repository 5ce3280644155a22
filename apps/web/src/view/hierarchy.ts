/**
 * Turns the flat process list of one group into a forest, joined by execId/parentExecId.
 * Safe against what Tetragon data really contains: a process naming itself as parent
 * (`<kernel>`), parents outside the group (orphans), and cycles from inconsistent ids.
 */
import { compareTime, type Process } from '@exectree/domain';

/** Why a node is a root. */
export type RootReason =
  /** No parent id, or the process names itself as parent. */
  | 'top'
  /** The parent is not in this group (host process, other pod, not seen yet). */
  | 'external'
  /** The parent chain loops; the loop was cut here. */
  | 'cycle';

export interface ProcessNode {
  process: Process;
  children: ProcessNode[];
  /** Set on roots only. */
  rootReason: RootReason | null;
}

export function compareProcesses(a: Process, b: Process): number {
  return (
    compareTime(a.startTime, b.startTime) ||
    (a.execId < b.execId ? -1 : a.execId > b.execId ? 1 : 0)
  );
}

function parentIn(process: Process, byId: ReadonlyMap<string, Process>): string | null {
  const parent = process.parentExecId;
  if (parent === null || parent === process.execId || !byId.has(parent)) return null;
  return parent;
}

/** Builds roots (sorted by start time, children too) from processes in any order. */
export function buildForest(processes: Iterable<Process>): ProcessNode[] {
  const byId = new Map<string, Process>();
  for (const process of processes) byId.set(process.execId, process);

  const childIds = new Map<string, Process[]>();
  const rootCandidates: Process[] = [];
  for (const process of byId.values()) {
    const parent = parentIn(process, byId);
    if (parent === null) {
      rootCandidates.push(process);
    } else {
      const siblings = childIds.get(parent);
      if (siblings) siblings.push(process);
      else childIds.set(parent, [process]);
    }
  }
  for (const list of childIds.values()) list.sort(compareProcesses);
  rootCandidates.sort(compareProcesses);

  const visited = new Set<string>();
  const roots: ProcessNode[] = [];

  // Iterative depth-first walk: deep chains must not overflow the stack.
  const grow = (root: Process, reason: RootReason) => {
    const rootNode: ProcessNode = { process: root, children: [], rootReason: reason };
    visited.add(root.execId);
    const stack: ProcessNode[] = [rootNode];
    while (stack.length > 0) {
      const node = stack.pop() as ProcessNode;
      for (const child of childIds.get(node.process.execId) ?? []) {
        if (visited.has(child.execId)) continue;
        visited.add(child.execId);
        const childNode: ProcessNode = { process: child, children: [], rootReason: null };
        node.children.push(childNode);
        stack.push(childNode);
      }
    }
    roots.push(rootNode);
  };

  for (const process of rootCandidates) {
    const named = process.parentExecId !== null && process.parentExecId !== process.execId;
    grow(process, named ? 'external' : 'top');
  }

  // Whatever was not reached hangs off a parent loop. Cut each loop at its earliest process.
  if (visited.size < byId.size) {
    const rest = [...byId.values()].filter((p) => !visited.has(p.execId)).sort(compareProcesses);
    for (const process of rest) {
      if (!visited.has(process.execId)) grow(process, 'cycle');
    }
  }
  return roots;
}

/** Number of nodes in a forest. */
export function countNodes(roots: readonly ProcessNode[]): number {
  let count = 0;
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop() as ProcessNode;
    count += 1;
    stack.push(...node.children);
  }
  return count;
}
