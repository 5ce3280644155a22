/**
 * Cross-pod search results as small trees, one per pod: each match under the ancestors in
 * its pod that lead to it (dimmed), so a hit reads in context. Ancestors outside the pod
 * (`containerd-shim`, `runc` on the host) are folded into one "via" line over each root.
 */
import { parseGroupKey, type Process } from '@exectree/domain';
import { basename } from './format.ts';
import { buildForest, type ProcessNode } from './hierarchy.ts';

export type ResultRow =
  | {
      kind: 'match' | 'ancestor';
      /** Unique within the results (a host ancestor can lead into several pods). */
      key: string;
      process: Process;
      depth: number;
    }
  | {
      kind: 'via';
      key: string;
      /** Binaries above the pod's root, outermost first. */
      chain: string[];
    };

export interface PodResults {
  group: string;
  /** "payments / api-1", or the node or container id. */
  title: string;
  kind: 'pod' | 'container' | 'host';
  matches: number;
  rows: ResultRow[];
}

/** Longest "via" chain shown; the outermost ancestors beyond it are cut. */
const MAX_VIA = 4;

function titleOf(group: string): { title: string; kind: PodResults['kind'] } {
  const ref = parseGroupKey(group);
  if (!ref) return { title: group, kind: 'host' };
  return {
    title: ref.kind === 'pod' ? `${ref.namespace} / ${ref.name}` : ref.name,
    kind: ref.kind,
  };
}

function viaChain(
  root: Process,
  byId: ReadonlyMap<string, Process>,
  inTree: ReadonlyMap<string, Process>,
): string[] {
  const chain: string[] = [];
  const seen = new Set([root.execId]);
  let id = root.parentExecId;
  while (id !== null && !seen.has(id) && !inTree.has(id)) {
    seen.add(id);
    const parent = byId.get(id);
    if (!parent) break;
    chain.unshift(basename(parent.binary) || parent.binary);
    id = parent.parentExecId;
  }
  return chain.length > MAX_VIA ? ['…', ...chain.slice(-MAX_VIA)] : chain;
}

export function groupResults(
  matches: readonly Process[],
  ancestors: readonly Process[],
): PodResults[] {
  const byId = new Map<string, Process>();
  for (const p of ancestors) byId.set(p.execId, p);
  for (const p of matches) byId.set(p.execId, p);
  const matchIds = new Set(matches.map((p) => p.execId));

  const byGroup = new Map<string, Process[]>();
  for (const p of matches) {
    const list = byGroup.get(p.group);
    if (list) list.push(p);
    else byGroup.set(p.group, [p]);
  }

  const pods: PodResults[] = [];
  for (const [group, hits] of byGroup) {
    const members = new Map<string, Process>();
    for (const hit of hits) {
      for (let at: Process | undefined = hit; at && !members.has(at.execId);) {
        if (at.group !== group && !matchIds.has(at.execId)) break;
        members.set(at.execId, at);
        at = at.parentExecId === null ? undefined : byId.get(at.parentExecId);
      }
    }
    const rows: ResultRow[] = [];
    for (const root of buildForest(members.values())) {
      const via = viaChain(root.process, byId, members);
      if (via.length > 0)
        rows.push({ kind: 'via', key: `${group}|via|${root.process.execId}`, chain: via });
      const stack: [ProcessNode, number][] = [[root, 0]];
      while (stack.length > 0) {
        const [node, depth] = stack.pop() as [ProcessNode, number];
        const { process } = node;
        rows.push({
          kind: matchIds.has(process.execId) ? 'match' : 'ancestor',
          key: `${group}|${process.execId}`,
          process,
          depth,
        });
        for (let i = node.children.length - 1; i >= 0; i--) {
          stack.push([node.children[i] as ProcessNode, depth + 1]);
        }
      }
    }
    pods.push({ group, ...titleOf(group), matches: hits.length, rows });
  }
  return pods.sort((a, b) => b.matches - a.matches || a.title.localeCompare(b.title));
}
