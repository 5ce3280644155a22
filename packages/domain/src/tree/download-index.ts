/**
 * Which paths curl or wget wrote in each group, and by which process. Findings ask for a
 * group's downloads on every view, so the per-group answer is cached until it changes.
 */
export class DownloadIndex {
  private readonly byGroup = new Map<string, Map<string, Set<string>>>();
  private readonly cache = new Map<string, Map<string, string>>();

  /**
   * Moves a process's downloads from (oldGroup, oldPaths) to (newGroup, newPaths); returns
   * the groups whose downloads changed.
   */
  move(
    id: string,
    oldGroup: string,
    oldPaths: string[],
    newGroup: string,
    newPaths: string[],
  ): string[] {
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
