/**
 * A tree snapshot that replaces processes the client already holds (a resync after the
 * server saw this client fall behind) keeps the objects of the processes that did not
 * change. Derived views cache by process identity and patch from recorded changes, so a
 * resync then costs what changed instead of rebuilding the whole pod's graph.
 */
import type { Process } from '@exectree/domain';

/** Structural equality of JSON values (what a process is made of). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const key of ka) {
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) {
      return false;
    }
  }
  return true;
}

export interface MergedSnapshot {
  processes: Map<string, Process>;
  /** Exec ids added, changed or gone compared with `previous`. */
  changed: Set<string>;
}

export function mergeSnapshot(
  previous: ReadonlyMap<string, Process>,
  incoming: readonly Process[],
): MergedSnapshot {
  const processes = new Map<string, Process>();
  const changed = new Set<string>();
  for (const process of incoming) {
    const known = previous.get(process.execId);
    if (known !== undefined && sameJson(known, process)) {
      processes.set(process.execId, known);
    } else {
      processes.set(process.execId, process);
      changed.add(process.execId);
    }
  }
  for (const execId of previous.keys()) if (!processes.has(execId)) changed.add(execId);
  return { processes, changed };
}
