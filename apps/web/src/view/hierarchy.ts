/**
 * Turns the flat process list of one group into a forest, joined by execId/parentExecId.
 * Safe against what Tetragon data really contains: a process naming itself as parent
 * (`<kernel>`), parents outside the group (orphans), and cycles from inconsistent ids.
 */
import type { Process } from '@exectree/domain';
import { startKeyOf } from './process-keys.ts';
import { sameList } from './same-list.ts';
import { foldTree } from './walk.ts';

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

/** By start time, then exec id; the time key is parsed once per process object. */
export function compareProcesses(a: Process, b: Process): number {
  const ka = startKeyOf(a);
  const kb = startKeyOf(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.execId < b.execId ? -1 : a.execId > b.execId ? 1 : 0;
}

/** Sorts like compareProcesses, looking each key up once instead of once per comparison. */
function sortProcesses(list: Process[]): void {
  if (list.length < 2) return;
  const keyed = list.map((process) => ({ key: startKeyOf(process), id: process.execId, process }));
  keyed.sort((a, b) =>
    a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  keyed.forEach((entry, i) => (list[i] = entry.process));
}

/**
 * The node built last time for each process. A node whose process, root reason and child
 * nodes are all unchanged is reused as it was, so the stages after this one (lanes,
 * grouping) can cache by node identity and skip every subtree a live delta did not touch.
 */
const previousNodes = new WeakMap<Process, ProcessNode>();

/** Swaps `node` for last time's equal node, if there is one; children first (post-order). */
function reuse(node: ProcessNode): ProcessNode {
  const before = previousNodes.get(node.process);
  if (
    before !== undefined &&
    before.rootReason === node.rootReason &&
    sameList(before.children, node.children)
  ) {
    return before;
  }
  previousNodes.set(node.process, node);
  return node;
}

/** Replaces every subtree of `root` that equals last time's by last time's objects. */
function internTree(root: ProcessNode): ProcessNode {
  return foldTree<ProcessNode, ProcessNode>(
    root,
    (node) => node.children,
    (node, children) => {
      for (let i = 0; i < children.length; i++) node.children[i] = children[i] as ProcessNode;
      return reuse(node);
    },
  );
}

/** The parent's exec id when the parent is in `byId` (and is not the process itself). */
export function parentIn(process: Process, byId: ReadonlyMap<string, Process>): string | null {
  const parent = process.parentExecId;
  if (parent === null || parent === process.execId || !byId.has(parent)) return null;
  return parent;
}

/** A root's reason when its parent is not in the group. */
export function rootReasonOf(process: Process): RootReason {
  const named = process.parentExecId !== null && process.parentExecId !== process.execId;
  return named ? 'external' : 'top';
}

/** Remembers a node built elsewhere (forest-index.ts) so that later builds can reuse it. */
export function rememberNode(node: ProcessNode): void {
  previousNodes.set(node.process, node);
}

/** What a full build knows, which forest-index.ts keeps to apply later changes to. */
export interface ForestParts {
  roots: ProcessNode[];
  /** Children of each process present in the group, sorted (see compareProcesses). */
  childIds: Map<string, Process[]>;
  /** Processes whose parent is not in the group, sorted. */
  rootCandidates: Process[];
  /** Whether a parent loop was cut (incremental updates do not handle loops). */
  cycles: boolean;
}

/** Builds the forest of the processes in `byId` (keyed by exec id). */
export function buildForestParts(byId: ReadonlyMap<string, Process>): ForestParts {
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
  for (const list of childIds.values()) sortProcesses(list);
  sortProcesses(rootCandidates);

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
    roots.push(internTree(rootNode));
  };

  for (const process of rootCandidates) grow(process, rootReasonOf(process));

  // Whatever was not reached hangs off a parent loop. Cut each loop at its earliest process.
  let cycles = false;
  if (visited.size < byId.size) {
    cycles = true;
    const rest = [...byId.values()].filter((p) => !visited.has(p.execId)).sort(compareProcesses);
    for (const process of rest) {
      if (!visited.has(process.execId)) grow(process, 'cycle');
    }
  }
  return { roots, childIds, rootCandidates, cycles };
}

/** Builds roots (sorted by start time, children too) from processes in any order. */
export function buildForest(processes: Iterable<Process>): ProcessNode[] {
  const byId = new Map<string, Process>();
  for (const process of processes) byId.set(process.execId, process);
  return buildForestParts(byId).roots;
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
