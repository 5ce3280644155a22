/**
 * Which paths curl or wget wrote in each group, and by which process. Findings ask for a
 * group's downloads on every view, so the per-group answer is cached until it changes.
 */
export class DownloadIndex {
  /** Each process's registered paths; only processes that download something are here. */
  private readonly byProcess = new Map<string, readonly string[]>();
  private readonly byGroup = new Map<string, Map<string, Set<string>>>();
  private readonly cache = new Map<string, Map<string, string>>();

  /** The paths registered for a process, undefined when none. */
  pathsOf(id: string): readonly string[] | undefined {
    return this.byProcess.get(id);
  }

  /**
   * Moves a process's downloads from oldGroup (where they were registered) to (newGroup,
   * newPaths); "" registers nothing. Returns the groups whose downloads changed.
   */
  move(id: string, oldGroup: string, newGroup: string, newPaths: readonly string[]): string[] {
    const oldPaths = this.byProcess.get(id) ?? [];
    if (newGroup && newPaths.length > 0) this.byProcess.set(id, newPaths);
    else this.byProcess.delete(id);
    const changed = new Set<string>();
    if (oldGroup) {
      for (const path of oldPaths) {
        if (oldGroup === newGroup && newPaths.includes(path)) continue;
        if (this.delete(oldGroup, path, id)) changed.add(oldGroup);
      }
    }
    if (newGroup) {
      for (const path of newPaths) if (this.insert(newGroup, path, id)) changed.add(newGroup);
    }
    for (const group of changed) this.cache.delete(group);
    return [...changed];
  }

  /** Path → the smallest exec id that downloaded it (deterministic whatever the order). */
  pathsIn(group: string): ReadonlyMap<string, string> {
    let result = this.cache.get(group);
    if (result) return result;
    result = new Map();
    for (const [path, ids] of this.byGroup.get(group) ?? []) {
      let first: string | undefined;
      for (const id of ids) if (first === undefined || id < first) first = id;
      if (first !== undefined) result.set(path, first);
    }
    this.cache.set(group, result);
    return result;
  }

  private insert(group: string, path: string, id: string): boolean {
    let byPath = this.byGroup.get(group);
    if (!byPath) {
      byPath = new Map();
      this.byGroup.set(group, byPath);
    }
    let ids = byPath.get(path);
    if (!ids) {
      ids = new Set();
      byPath.set(path, ids);
    }
    if (ids.has(id)) return false;
    ids.add(id);
    return true;
  }

  private delete(group: string, path: string, id: string): boolean {
    const byPath = this.byGroup.get(group);
    const ids = byPath?.get(path);
    if (!byPath || !ids?.delete(id)) return false;
    if (ids.size === 0) byPath.delete(path);
    if (byPath.size === 0) this.byGroup.delete(group);
    return true;
  }
}
