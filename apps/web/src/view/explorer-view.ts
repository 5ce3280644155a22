/**
 * What the graph and the timeline show of the open group once the time range and the
 * search apply: the processes to draw (kept ones plus the ancestors that connect them, so
 * the result is still a tree), which are search matches, and their depth-first order.
 */
import type { Process } from '@exectree/domain';
import { buildForest, type ProcessNode } from './hierarchy.ts';
import { forestOf } from './forest-index.ts';
import { compileQuery, type SearchQuery } from './search-query.ts';
import { aliveIn, type TimeRange } from './time-range.ts';

export interface ExplorerInput {
  processes: ReadonlyMap<string, Process>;
  query: SearchQuery;
  range: TimeRange | null;
  /** Show only search matches (and their ancestors). */
  onlyMatches: boolean;
}

export interface ExplorerView {
  visible: ReadonlyMap<string, Process>;
  /** Visible only because they lead to a kept process: drawn dimmed. */
  context: ReadonlySet<string>;
  forest: ProcessNode[];
  /** Search matches among the visible processes, in depth-first tree order. */
  matches: readonly string[];
  matchSet: ReadonlySet<string>;
  /** Whether a search is active at all (an empty query matches nothing). */
  searching: boolean;
}

const NO_IDS: ReadonlySet<string> = new Set();

/** Adds every ancestor (within `all`) of the kept processes; loops end at a visited id. */
export function withAncestors(
  kept: ReadonlySet<string>,
  all: ReadonlyMap<string, Process>,
): { visible: Map<string, Process>; context: Set<string> } {
  const visible = new Map<string, Process>();
  const context = new Set<string>();
  for (const id of kept) {
    const process = all.get(id);
    if (process) visible.set(id, process);
  }
  for (const id of kept) {
    let parentId = all.get(id)?.parentExecId ?? null;
    while (parentId !== null && !visible.has(parentId)) {
      const parent = all.get(parentId);
      if (!parent) break;
      visible.set(parentId, parent);
      context.add(parentId);
      parentId = parent.parentExecId;
    }
  }
  return { visible, context };
}

/** Exec ids in depth-first pre-order: the order the graph and the timeline list them. */
export function treeOrder(forest: readonly ProcessNode[]): string[] {
  const order: string[] = [];
  const stack = [...forest].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as ProcessNode;
    order.push(node.process.execId);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as ProcessNode);
  }
  return order;
}

export function deriveExplorerView(input: ExplorerInput): ExplorerView {
  const { processes, query, range, onlyMatches } = input;
  const lookup = (id: string) => processes.get(id);
  const matcher = compileQuery(query, range, lookup);

  let kept: Set<string> | null = null;
  if (range !== null) {
    kept = new Set();
    for (const p of processes.values()) if (aliveIn(p, range, lookup)) kept.add(p.execId);
  }
  if (onlyMatches && matcher !== null) {
    kept = new Set();
    for (const p of processes.values()) if (matcher(p)) kept.add(p.execId);
  }

  let visible: ReadonlyMap<string, Process> = processes;
  let context: ReadonlySet<string> = NO_IDS;
  if (kept !== null) ({ visible, context } = withAncestors(kept, processes));

  // The unfiltered forest is kept between live commits and patched (forest-index.ts).
  const forest = kept === null ? forestOf(processes) : buildForest(visible.values());
  const matches: string[] = [];
  if (matcher !== null) {
    for (const id of treeOrder(forest)) {
      const process = visible.get(id);
      if (process && matcher(process)) matches.push(id);
    }
  }
  return {
    visible,
    context,
    forest,
    matches,
    matchSet: matches.length > 0 ? new Set(matches) : NO_IDS,
    searching: matcher !== null,
  };
}
