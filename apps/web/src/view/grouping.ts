/**
 * Collapses repeated siblings into one "×N" item, the way trace viewers auto-group repeated
 * spans: health checks, exec probes (`sh -c pg_isready` as a new root every 10 s), cron-like
 * loops, `iptables` storms. Siblings group when their small subtrees have the same shape
 * (the same binaries, parent to child), so nothing structurally different is hidden.
 */
import type { Process } from '@exectree/domain';
import type { ProcessNode, RootReason } from './hierarchy.ts';
import { basename } from './format.ts';

/** Fewer identical siblings than this stay as they are. */
export const MIN_GROUP_SIZE = 4;
/** Only subtrees up to this many processes are compared and grouped. */
export const MAX_SHAPE_SIZE = 4;

export interface ProcessItem {
  kind: 'process';
  id: string;
  process: Process;
  rootReason: RootReason | null;
  children: DisplayNode[];
}

export interface GroupItem {
  kind: 'group';
  /** Stable across updates: parent exec id (or "root") + shape. */
  id: string;
  /** The binaries of the shape from the top down, e.g. ["/bin/sh", "/usr/bin/pg_isready"]. */
  chain: string[];
  /** Tops of the grouped subtrees, in start order. */
  members: Process[];
  /** The last process of each member's chain: whose outcome the card summarises. */
  outcomes: Process[];
  /** Every process inside the group. */
  size: number;
  rootReason: RootReason | null;
  children: DisplayNode[];
}

export type DisplayNode = ProcessItem | GroupItem;

export interface GroupingOptions {
  /** Group ids the user expanded. */
  expanded: ReadonlySet<string>;
  /** A group containing this process is shown expanded. */
  reveal: string | null;
  minSize?: number;
}

export function groupId(parentExecId: string | null, shape: string): string {
  return `group:${parentExecId ?? 'root'}:${shape}`;
}

interface Shape {
  key: string;
  size: number;
  ids: string[];
  chain: string[];
  /** Deepest process along the first-child chain. */
  last: Process;
}

/** The shape of a small subtree, or null when it is too big to group. */
function shapeOf(node: ProcessNode, cache: Map<ProcessNode, Shape | null>): Shape | null {
  const cached = cache.get(node);
  if (cached !== undefined) return cached;
  let result: Shape | null = null;
  if (node.children.length < MAX_SHAPE_SIZE) {
    const parts: Shape[] = [];
    let size = 1;
    for (const child of node.children) {
      const shape = shapeOf(child, cache);
      if (shape === null || (size += shape.size) > MAX_SHAPE_SIZE) {
        parts.length = 0;
        size = Infinity;
        break;
      }
      parts.push(shape);
    }
    if (size <= MAX_SHAPE_SIZE) {
      const inner = parts.map((p) => p.key).sort();
      const first = parts[0];
      result = {
        key: inner.length > 0 ? `${node.process.binary}(${inner.join(',')})` : node.process.binary,
        size,
        ids: [node.process.execId, ...parts.flatMap((p) => p.ids)],
        chain: [node.process.binary, ...(first ? first.chain : [])],
        last: first ? first.last : node.process,
      };
    }
  }
  cache.set(node, result);
  return result;
}

/** Builds the display forest: processes, with repeated sibling shapes folded into groups. */
export function groupSiblings(
  roots: readonly ProcessNode[],
  options: GroupingOptions,
): DisplayNode[] {
  const minSize = options.minSize ?? MIN_GROUP_SIZE;
  const cache = new Map<ProcessNode, Shape | null>();

  const fold = (
    parentId: string | null,
    siblings: readonly ProcessNode[],
    out: DisplayNode[],
    work: [ProcessNode, ProcessItem][],
  ) => {
    const byShape = new Map<string, { nodes: ProcessNode[]; shapes: Shape[] }>();
    if (siblings.length >= minSize) {
      for (const node of siblings) {
        const shape = shapeOf(node, cache);
        if (shape === null) continue;
        const entry = byShape.get(shape.key);
        if (entry) {
          entry.nodes.push(node);
          entry.shapes.push(shape);
        } else {
          byShape.set(shape.key, { nodes: [node], shapes: [shape] });
        }
      }
    }
    const emitted = new Set<string>();
    for (const node of siblings) {
      const shape = byShape.size > 0 ? shapeOf(node, cache) : null;
      const entry = shape ? byShape.get(shape.key) : undefined;
      if (shape && entry && entry.nodes.length >= minSize) {
        const id = groupId(parentId, shape.key);
        const open =
          options.expanded.has(id) ||
          (options.reveal !== null &&
            entry.shapes.some((s) => s.ids.includes(options.reveal as string)));
        if (!open) {
          if (!emitted.has(id)) {
            emitted.add(id);
            out.push({
              kind: 'group',
              id,
              chain: shape.chain,
              members: entry.nodes.map((n) => n.process),
              outcomes: entry.shapes.map((s) => s.last),
              size: entry.shapes.reduce((n, s) => n + s.size, 0),
              rootReason: node.rootReason,
              children: [],
            });
          }
          continue;
        }
      }
      const item: ProcessItem = {
        kind: 'process',
        id: node.process.execId,
        process: node.process,
        rootReason: node.rootReason,
        children: [],
      };
      out.push(item);
      work.push([node, item]);
    }
  };

  const top: DisplayNode[] = [];
  // Iterative, like buildForest: deep chains must not overflow the stack.
  const work: [ProcessNode, ProcessItem][] = [];
  fold(null, roots, top, work);
  while (work.length > 0) {
    const [node, item] = work.pop() as [ProcessNode, ProcessItem];
    fold(node.process.execId, node.children, item.children, work);
  }
  return top;
}

export interface OutcomeCounts {
  running: number;
  ok: number;
  failed: number;
  signaled: number;
  other: number;
}

export function countOutcomes(processes: readonly Process[]): OutcomeCounts {
  const counts: OutcomeCounts = { running: 0, ok: 0, failed: 0, signaled: 0, other: 0 };
  for (const p of processes) {
    if (p.state === 'running') counts.running += 1;
    else if (p.state === 'exited' && p.signal) counts.signaled += 1;
    else if (p.state === 'exited' && p.status === 0) counts.ok += 1;
    else if (p.state === 'exited' && p.status !== null) counts.failed += 1;
    else counts.other += 1;
  }
  return counts;
}

/** "sh › pg_isready" */
export function chainLabel(chain: readonly string[]): string {
  return chain.map((b) => basename(b) || b).join(' › ');
}
