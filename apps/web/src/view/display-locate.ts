/**
 * Which drawn item shows each process: the item itself, or the closed item (process or
 * group) that folds it away. Computed from the finished display, so that items reused
 * from an earlier display (grouping.ts caches them) still point their processes right.
 */
import type { DisplayNode } from './grouping.ts';
import type { LaneNode } from './lanes.ts';

/** The lanes behind each item: its own lane, or a group's member lanes. */
const itemLanes = new WeakMap<DisplayNode, readonly LaneNode[]>();

export function rememberLanes(item: DisplayNode, lanes: readonly LaneNode[]): void {
  itemLanes.set(item, lanes);
}

export function lanesOf(item: DisplayNode): readonly LaneNode[] {
  return itemLanes.get(item) ?? [];
}

/** Points every process of `lane`'s subtree at the drawn item `id`. */
function locateAll(lane: LaneNode, id: string, locate: Map<string, string>): void {
  const stack = [lane];
  while (stack.length > 0) {
    const at = stack.pop() as LaneNode;
    for (const image of at.images) locate.set(image.execId, id);
    for (const child of at.children) stack.push(child);
  }
}

/** Every exec id below `roots` → the id of the drawn item that shows it. */
function buildLocate(roots: readonly DisplayNode[]): Map<string, string> {
  const locate = new Map<string, string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const item = stack.pop() as DisplayNode;
    const lanes = lanesOf(item);
    if (item.kind === 'process') {
      for (const image of item.images) locate.set(image.execId, item.id);
    }
    if (item.open) {
      for (const child of item.children) stack.push(child);
    } else {
      for (const lane of lanes) {
        if (item.kind === 'process')
          for (const child of lane.children) locateAll(child, item.id, locate);
        else locateAll(lane, item.id, locate);
      }
    }
  }
  return locate;
}

/**
 * The locate map, built on first use: while a pod streams, most displays are replaced
 * before anyone asks where a process is drawn, and the count is known without the map.
 */
class LazyLocate implements ReadonlyMap<string, string> {
  #map: Map<string, string> | null = null;
  readonly #roots: readonly DisplayNode[];
  readonly size: number;

  constructor(roots: readonly DisplayNode[], size: number) {
    this.#roots = roots;
    this.size = size;
  }

  #built(): Map<string, string> {
    this.#map ??= buildLocate(this.#roots);
    return this.#map;
  }

  get(id: string): string | undefined {
    return this.#built().get(id);
  }

  has(id: string): boolean {
    return this.#built().has(id);
  }

  forEach(
    callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void,
    thisArg?: unknown,
  ): void {
    this.#built().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, string]> {
    return this.#built().entries();
  }

  keys(): MapIterator<string> {
    return this.#built().keys();
  }

  values(): MapIterator<string> {
    return this.#built().values();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.#built().entries();
  }
}

/** Every exec id below `roots` → the id of the drawn item that shows it; `size` of them. */
export function locateItems(
  roots: readonly DisplayNode[],
  size: number,
): ReadonlyMap<string, string> {
  return new LazyLocate(roots, size);
}
