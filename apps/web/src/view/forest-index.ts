/**
 * The open group's forest, kept between live commits. When the reducer recorded which
 * processes a commit changed (map-lineage.ts), the forest is patched: the changed
 * processes are put into (or taken out of) their parent's sorted child list, and only they
 * and their ancestors get new nodes; every other subtree keeps its node objects, which is
 * what lets the later stages (lanes, grouping) skip it. Anything a patch cannot express
 * simply (a parent arriving for orphans, a removed parent, a changed parent, parent loops)
 * falls back to a full build.
 */
import type { Process } from '@exectree/domain';
import {
  buildForestParts,
  compareProcesses,
  parentIn,
  rememberNode,
  rootReasonOf,
  type ProcessNode,
} from './hierarchy.ts';
import { changeOf, type ProcessMap } from './map-lineage.ts';
import { startKeyOf } from './process-keys.ts';

interface ForestState {
  map: ProcessMap;
  forest: ProcessNode[];
  childIds: Map<string, Process[]>;
  rootCandidates: Process[];
  nodes: Map<string, ProcessNode>;
  /** Parent ids named by roots but missing from the map: their arrival re-parents them. */
  waiting: Set<string>;
}

let current: ForestState | null = null;

function fullBuild(map: ProcessMap): ForestState {
  const parts = buildForestParts(map);
  const nodes = new Map<string, ProcessNode>();
  const stack = [...parts.roots];
  while (stack.length > 0) {
    const node = stack.pop() as ProcessNode;
    nodes.set(node.process.execId, node);
    for (const child of node.children) stack.push(child);
  }
  const waiting = new Set<string>();
  for (const root of parts.rootCandidates) {
    if (rootReasonOf(root) === 'external') waiting.add(root.parentExecId as string);
  }
  return {
    map,
    forest: parts.roots,
    childIds: parts.childIds,
    rootCandidates: parts.rootCandidates,
    nodes,
    waiting: parts.cycles ? new Set(['*cycles*']) : waiting,
  };
}

/** Index where `process` belongs in the sorted `list`. */
function insertionPoint(list: readonly Process[], process: Process): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareProcesses(list[mid] as Process, process) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Applies one commit's changes; false when only a full build gets it right. */
function patch(state: ForestState, map: ProcessMap, changed: ReadonlySet<string>): boolean {
  if (state.waiting.has('*cycles*')) return false;
  const base = state.map;
  const dirty = new Set<string>();
  let rootsChanged = false;
  const listOf = (parent: string | null): Process[] => {
    if (parent === null) return state.rootCandidates;
    let list = state.childIds.get(parent);
    if (!list) state.childIds.set(parent, (list = []));
    return list;
  };

  for (const id of changed) {
    const before = base.get(id);
    const after = map.get(id);
    if (before === after) continue;
    if (state.waiting.has(id)) return false;
    if (before && after && before.parentExecId !== after.parentExecId) return false;
    if (before && !after && (state.childIds.get(id)?.length ?? 0) > 0) return false;
    if (before) {
      const parent = parentIn(before, base);
      const list = listOf(parent);
      const at = list.indexOf(before);
      if (at < 0) return false;
      if (after && startKeyOf(before) === startKeyOf(after)) {
        list[at] = after;
        dirty.add(id);
        continue;
      }
      list.splice(at, 1);
      if (parent === null) rootsChanged = true;
      else dirty.add(parent);
      if (!after) state.nodes.delete(id);
    }
    if (after) {
      const parent = parentIn(after, map);
      const list = listOf(parent);
      list.splice(insertionPoint(list, after), 0, after);
      if (parent === null) {
        rootsChanged = true;
        if (rootReasonOf(after) === 'external') state.waiting.add(after.parentExecId as string);
      } else {
        dirty.add(parent);
      }
      dirty.add(id);
    }
  }

  // A changed node changes every ancestor's node.
  const marked = new Set<string>();
  for (const id of dirty) {
    let at: string | null = id;
    while (at !== null && !marked.has(at)) {
      const process = map.get(at);
      if (!process) return false;
      marked.add(at);
      at = parentIn(process, map);
    }
  }
  rebuild(state, map, marked);
  if (rootsChanged || state.rootCandidates.some((p) => marked.has(p.execId))) {
    state.forest = state.rootCandidates.map((p) => state.nodes.get(p.execId) as ProcessNode);
  }
  state.map = map;
  return true;
}

/** New nodes for the marked processes (closed under ancestors), children first. */
function rebuild(state: ForestState, map: ProcessMap, marked: ReadonlySet<string>): void {
  interface Frame {
    id: string;
    next: number;
    kids: readonly Process[];
  }
  const frame = (id: string): Frame => ({ id, next: 0, kids: state.childIds.get(id) ?? [] });
  for (const root of state.rootCandidates) {
    if (!marked.has(root.execId)) continue;
    // Iterative post-order over marked processes only: chains can be very deep.
    const stack: Frame[] = [frame(root.execId)];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Frame;
      const kid = top.kids[top.next];
      if (kid !== undefined) {
        top.next += 1;
        if (marked.has(kid.execId)) stack.push(frame(kid.execId));
        continue;
      }
      stack.pop();
      const process = map.get(top.id) as Process;
      const node: ProcessNode = {
        process,
        children: top.kids.map((k) => state.nodes.get(k.execId) as ProcessNode),
        rootReason: stack.length === 0 ? rootReasonOf(process) : null,
      };
      state.nodes.set(top.id, node);
      rememberNode(node);
    }
  }
}

/**
 * The forest of every process in `map` (keyed by exec id), as buildForest makes it,
 * patched from the previous call's forest when `map` is a recorded change of that map.
 */
export function forestOf(map: ProcessMap): ProcessNode[] {
  if (current !== null && current.map === map) return current.forest;
  const change = changeOf(map);
  // A map made from nothing (a pod's first snapshot) is built in full: inserting its
  // processes one by one into sorted child lists costs time quadratic in a list's length.
  if (
    current !== null &&
    change !== undefined &&
    change.base === current.map &&
    change.base.size > 0
  ) {
    if (patch(current, map, change.changed)) return current.forest;
  }
  current = fullBuild(map);
  return current.forest;
}
