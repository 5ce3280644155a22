/**
 * The shape of a small lane subtree: its binaries, parent to child. Siblings with the same
 * shape are repeats of one another (see grouping.ts).
 */
import type { Process } from '@exectree/domain';
import { basename } from './format.ts';
import { lastImage, type LaneNode } from './lanes.ts';

/** Only subtrees up to this many processes are compared and grouped. */
export const MAX_SHAPE_SIZE = 4;

export interface Shape {
  key: string;
  /** Processes in the subtree. */
  size: number;
  /** Binaries along the first-child chain, lane images included: what the card is called. */
  chain: string[];
  /** The process at the end of that chain. */
  last: Process;
}

/** A Map or, to keep shapes across calls, a WeakMap keyed by lane. */
export interface ShapeCache {
  get(lane: LaneNode): Shape | null | undefined;
  set(lane: LaneNode, shape: Shape | null): unknown;
}

/**
 * The shape of a lane subtree, or null when it is too big to group. `sizeOf` gives subtree
 * sizes, so big subtrees are rejected without descending into them.
 */
export function shapeOf(
  lane: LaneNode,
  cache: ShapeCache,
  sizeOf: (lane: LaneNode) => number,
): Shape | null {
  const cached = cache.get(lane);
  if (cached !== undefined) return cached;
  let result: Shape | null = null;
  const size = sizeOf(lane);
  if (size <= MAX_SHAPE_SIZE) {
    const parts: Shape[] = [];
    for (const child of lane.children) {
      const shape = shapeOf(child, cache, sizeOf);
      if (shape !== null) parts.push(shape);
    }
    if (parts.length === lane.children.length) {
      const own = lane.images.map((p) => p.binary).join('›');
      const inner = parts.map((p) => p.key).sort();
      const first = parts[0];
      const binaries = lane.images.map((p) => p.binary);
      result = {
        key: inner.length > 0 ? `${own}(${inner.join(',')})` : own,
        size,
        chain: first ? [...binaries, ...first.chain] : binaries,
        last: first ? first.last : lastImage(lane),
      };
    }
  }
  cache.set(lane, result);
  return result;
}

/** "sh › pg_isready" */
export function chainLabel(chain: readonly string[]): string {
  return chain.map((b) => basename(b) || b).join(' › ');
}
