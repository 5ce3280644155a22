/**
 * Counts the processes of a map that pass a test, updated from the previous count with a
 * live commit's recorded changes (map-lineage.ts) instead of a pass over the whole pod.
 */
import type { Process } from '@exectree/domain';
import { changeOf, type ProcessMap } from './map-lineage.ts';

export function liveCounter(test: (process: Process) => boolean): (map: ProcessMap) => number {
  let last: { map: ProcessMap; count: number } | null = null;
  return (map) => {
    if (last !== null && last.map === map) return last.count;
    const change = changeOf(map);
    let count = 0;
    if (last !== null && change !== undefined && change.base === last.map) {
      count = last.count;
      for (const id of change.changed) {
        const before = change.base.get(id);
        const after = map.get(id);
        if (before === after) continue;
        if (before && test(before)) count -= 1;
        if (after && test(after)) count += 1;
      }
    } else {
      for (const p of map.values()) if (test(p)) count += 1;
    }
    last = { map, count };
    return count;
  };
}
