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
