/**
 * Counts the processes of a map that pass a test, updated from the previous count with a
 * live commit's recorded changes (map-lineage.ts) instead of a pass over the whole pod.
 */
import type { Process } from '@exectree/domain';
import { applyChangesSince, type ProcessMap } from './map-lineage.ts';

export function liveCounter(test: (process: Process) => boolean): (map: ProcessMap) => number {
  let last: { map: ProcessMap; count: number } | null = null;
  return (map) => {
    if (last !== null && last.map === map) return last.count;
    let count = last?.count ?? 0;
    const patched =
      last !== null &&
      applyChangesSince(map, last.map, (before, after) => {
        if (before && test(before)) count -= 1;
        if (after && test(after)) count += 1;
      });
    if (!patched) {
      count = 0;
      for (const p of map.values()) if (test(p)) count += 1;
    }
    last = { map, count };
    return count;
  };
}
