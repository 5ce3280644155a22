/**
 * Hides exec probes (`pod.container.maybeExecProbe`): kubelet runs `sh -c pg_isready` every
 * few seconds, and thousands of identical roots bury the processes worth seeing. A probe
 * stays visible when it or something below it is flagged, or holds the selected process.
 */
import type { ProcessNode } from './hierarchy.ts';
import { isExecProbe, isFlagged } from './findings.ts';
import { mapForest } from './walk.ts';

export interface ProbeFilter {
  roots: ProcessNode[];
  /** Processes left out. */
  hidden: number;
}

export function hideExecProbes(roots: readonly ProcessNode[], keep: string | null): ProbeFilter {
  let hidden = 0;
  const kept = mapForest<ProcessNode, ProcessNode>(
    roots,
    (node) => node.children,
    (node, children) => {
      const process = node.process;
      const visible =
        !isExecProbe(process) ||
        isFlagged(process) ||
        process.execId === keep ||
        children.length > 0;
      if (!visible) {
        // Its children were all hidden already and counted there.
        hidden += 1;
        return null;
      }
      const same =
        children.length === node.children.length &&
        children.every((child, i) => child === node.children[i]);
      return same ? node : { ...node, children };
    },
  );
  return { roots: kept, hidden };
}
