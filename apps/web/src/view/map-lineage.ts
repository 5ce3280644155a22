/**
 * How a process map came to be: the live reducer copies the previous map and changes a
 * few entries per commit. Recording which entries changed lets derived views (the forest,
 * the open group's facts) update in proportion to the change instead of the whole pod.
 */
import type { Process } from '@exectree/domain';

export type ProcessMap = ReadonlyMap<string, Process>;

export interface MapChange {
  /** The map this one was copied from. */
  base: ProcessMap;
  /** Exec ids added, replaced or removed since `base`. */
  changed: ReadonlySet<string>;
}

const lineage = new WeakMap<ProcessMap, MapChange>();

export function recordChange(
  next: ProcessMap,
  base: ProcessMap,
  changed: ReadonlySet<string>,
): void {
  lineage.set(next, { base, changed });
}

/** The change that made `map` from its base, when the reducer recorded one. */
export function changeOf(map: ProcessMap): MapChange | undefined {
  return lineage.get(map);
}

/**
 * Calls `apply(before, after)` for each entry that differs between `base` and `map`
 * (undefined: absent), when the reducer recorded `map` as a change of `base`. False, with
 * nothing called, when it did not: the caller then derives from `map` in full.
 */
export function applyChangesSince(
  map: ProcessMap,
  base: ProcessMap,
  apply: (before: Process | undefined, after: Process | undefined) => void,
): boolean {
  const change = lineage.get(map);
  if (change === undefined || change.base !== base) return false;
  for (const id of change.changed) {
    const before = base.get(id);
    const after = map.get(id);
    if (before !== after) apply(before, after);
  }
  return true;
}
