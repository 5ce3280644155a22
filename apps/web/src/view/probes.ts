/**
 * Hides exec probes (`pod.container.maybeExecProbe`): kubelet runs `sh -c pg_isready` every
 * few seconds, and thousands of identical roots bury the processes worth seeing. A probe
 * stays visible when it or something below it is flagged, or holds the selected process.
 */
import type { ProcessNode } from './hierarchy.ts';
import { isExecProbe, isFlagged } from './findings.ts';
import { sameList } from './same-list.ts';
import { foldTree } from './walk.ts';

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

function decide(node: ProcessNode, results: readonly Filtered[], keep: string | null): Filtered {
  const children: ProcessNode[] = [];
  let hidden = 0;
  for (const result of results) {
    hidden += result.hidden;
    if (result.node) children.push(result.node);
  }
  const process = node.process;
  const visible =
    !isExecProbe(process) || isFlagged(process) || process.execId === keep || children.length > 0;
  // Its children were all hidden already and counted there.
  if (!visible) return { node: null, hidden: hidden + 1 };
  return { node: sameList(children, node.children) ? node : { ...node, children }, hidden };
}

function filterTree(root: ProcessNode, keep: string | null): Filtered {
  return foldTree<ProcessNode, Filtered>(
    root,
    (node) => node.children,
    (node, results) => {
      const filtered = decide(node, results, keep);
      cache.set(node, filtered);
      return filtered;
    },
    (node) => cache.get(node),
  );
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
