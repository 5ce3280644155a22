/**
 * Hides exec probes (`pod.container.maybeExecProbe`): kubelet runs `sh -c pg_isready` every
 * few seconds, and thousands of identical roots bury the processes worth seeing. A probe
 * stays visible when it or something below it is flagged, or holds the selected process.
 */
import type { ProcessNode } from './hierarchy.ts';
import { isExecProbe, isFlagged } from './findings.ts';

export interface ProbeFilter {
  roots: ProcessNode[];
  /** Processes left out. */
  hidden: number;
}

interface Filtered {
  node: ProcessNode | null;
  hidden: number;
}

/**
 * Results by node, for the `keep` they were computed with. buildForest reuses the nodes of
 * unchanged subtrees, so a live delta only filters the paths it touched again.
 */
let cachedKeep: string | null = null;
let cache = new WeakMap<ProcessNode, Filtered>();

interface Frame {
  node: ProcessNode;
  next: number;
  children: ProcessNode[];
  hidden: number;
}

function decide(frame: Frame, keep: string | null): Filtered {
  const { node, children } = frame;
  const process = node.process;
  const visible =
    !isExecProbe(process) || isFlagged(process) || process.execId === keep || children.length > 0;
  // Its children were all hidden already and counted there.
  if (!visible) return { node: null, hidden: frame.hidden + 1 };
  const same =
    children.length === node.children.length &&
    children.every((child, i) => child === node.children[i]);
  return { node: same ? node : { ...node, children }, hidden: frame.hidden };
}

function filterTree(root: ProcessNode, keep: string | null): Filtered {
  const known = cache.get(root);
  if (known) return known;
  // Iterative post-order: process trees can be thousands of levels deep.
  const stack: Frame[] = [{ node: root, next: 0, children: [], hidden: 0 }];
  let result: Filtered = { node: null, hidden: 0 };
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const child = frame.node.children[frame.next];
    if (child !== undefined) {
      frame.next += 1;
      const done = cache.get(child);
      if (done) {
        frame.hidden += done.hidden;
        if (done.node) frame.children.push(done.node);
      } else {
        stack.push({ node: child, next: 0, children: [], hidden: 0 });
      }
      continue;
    }
    stack.pop();
    const filtered = decide(frame, keep);
    cache.set(frame.node, filtered);
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.hidden += filtered.hidden;
      if (filtered.node) parent.children.push(filtered.node);
    } else {
      result = filtered;
    }
  }
  return result;
}

export function hideExecProbes(roots: readonly ProcessNode[], keep: string | null): ProbeFilter {
  if (keep !== cachedKeep) {
    cachedKeep = keep;
    cache = new WeakMap();
  }
  let hidden = 0;
  const kept: ProcessNode[] = [];
  for (const root of roots) {
    const filtered = filterTree(root, keep);
    hidden += filtered.hidden;
    if (filtered.node) kept.push(filtered.node);
  }
  return { roots: kept, hidden };
}
