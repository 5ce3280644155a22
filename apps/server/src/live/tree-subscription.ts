import { timeKey, type Process, type TreeFilter, type TreeReader } from '@exectree/domain';
import type { GroupChanges } from './change-index.ts';
import { compileFilter, type CompiledFilter } from './tree-filter.ts';

export interface TreeChangeSet {
  upserts: Process[];
  removes: string[];
}

function byStartThenId(a: Process, b: Process): number {
  const ta = timeKey(a.startTime);
  const tb = timeKey(b.startTime);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.execId < b.execId ? -1 : a.execId > b.execId ? 1 : 0;
}

/**
 * One socket's tree subscription. It remembers which processes the client holds, so a
 * process that stops matching (moved to another group, merged away, or changed so the
 * filter no longer applies) is sent as a remove exactly once.
 */
export class TreeSubscription {
  private readonly compiled: CompiledFilter;
  private visible = new Set<string>();

  constructor(readonly filter: TreeFilter) {
    this.compiled = compileFilter(filter);
  }

  /** The matching processes in start-time order; what the client holds from now on. */
  snapshot(reader: TreeReader): Process[] {
    const { compiled } = this;
    const keys =
      compiled.groups ??
      reader
        .groups()
        .map((group) => group.key)
        .filter((key) => compiled.matchesGroup(key));
    const members = keys.flatMap((key) => reader.processes(key));
    if (keys.length > 1) members.sort(byStartThenId);
    const processes = members.filter((process) => compiled.matchesFields(process));
    this.visible = new Set(processes.map((process) => process.execId));
    return processes;
  }

  /** What this client must apply for one drained batch; undefined when nothing concerns it. */
  delta(byGroup: ReadonlyMap<string, GroupChanges>): TreeChangeSet | undefined {
    const touched = this.touchedGroups(byGroup);
    if (touched.length === 0) return undefined;
    const upserts: Process[] = [];
    const removes: string[] = [];
    const upserted = new Set<string>();
    for (const changes of touched) {
      for (const process of changes.upserts) {
        if (this.compiled.matchesFields(process)) {
          upserts.push(process);
          upserted.add(process.execId);
          this.visible.add(process.execId);
        } else if (this.visible.delete(process.execId)) {
          removes.push(process.execId);
        }
      }
    }
    // A process that moved between two matching groups is an upsert, not a remove as well.
    for (const changes of touched) {
      for (const execId of changes.removes) {
        if (!upserted.has(execId) && this.visible.delete(execId)) removes.push(execId);
      }
    }
    return upserts.length === 0 && removes.length === 0 ? undefined : { upserts, removes };
  }

  private touchedGroups(byGroup: ReadonlyMap<string, GroupChanges>): GroupChanges[] {
    const touched: GroupChanges[] = [];
    if (this.compiled.groups) {
      for (const key of this.compiled.groups) {
        const changes = byGroup.get(key);
        if (changes) touched.push(changes);
      }
      return touched;
    }
    for (const [key, changes] of byGroup) {
      if (this.compiled.matchesGroup(key)) touched.push(changes);
    }
    return touched;
  }
}
