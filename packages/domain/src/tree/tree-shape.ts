import type { Process, ProcessTreeNode, ProcessTreeRoot } from '../process.ts';
import { timeKey } from '../util/time.ts';

export function compareProcesses(a: Process, b: Process): number {
  const ta = timeKey(a.startTime);
  const tb = timeKey(b.startTime);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.execId < b.execId ? -1 : a.execId > b.execId ? 1 : 0;
}

/**
 * Nests a group's processes by parent. Roots are the processes whose parent is not in
 * the group. Members caught in a parent cycle (bad data) have no root above them; the
 * smallest of each such cycle is promoted to a root so nothing disappears or loops.
 */
export function shapeTree(
  members: Process[],
  hostParentOf: (root: Process) => Process | null,
): ProcessTreeRoot[] {
  const byId = new Map(members.map((p) => [p.execId, p]));
  const childrenOf = new Map<string, Process[]>();
  const roots: Process[] = [];
  for (const p of members) {
    const parent = p.parentExecId;
    if (parent !== null && parent !== p.execId && byId.has(parent)) {
      const list = childrenOf.get(parent);
      if (list) list.push(p);
      else childrenOf.set(parent, [p]);
    } else {
      roots.push(p);
    }
  }
  const visited = new Set<string>();
  // Iterative so that a chain thousands of processes deep cannot overflow the stack.
  const build = (top: Process): ProcessTreeNode => {
    const rootNode: ProcessTreeNode = { ...top, children: [] };
    visited.add(top.execId);
    const stack: ProcessTreeNode[] = [rootNode];
    while (stack.length > 0) {
      const node = stack.pop() as ProcessTreeNode;
      const kids = (childrenOf.get(node.execId) ?? [])
        .filter((c) => !visited.has(c.execId))
        .sort(compareProcesses);
      for (const kid of kids) {
        visited.add(kid.execId);
        const child: ProcessTreeNode = { ...kid, children: [] };
        node.children.push(child);
        stack.push(child);
      }
    }
    return rootNode;
  };
  const result: ProcessTreeRoot[] = [];
  const addRoot = (p: Process) => {
    result.push({ ...build(p), hostParent: hostParentOf(p) });
  };
  roots.sort(compareProcesses).forEach(addRoot);
  const leftovers = members.filter((p) => !visited.has(p.execId));
  leftovers.sort((a, b) => (a.execId < b.execId ? -1 : 1));
  for (const p of leftovers) if (!visited.has(p.execId)) addRoot(p);
  return result;
}
