/**
 * Non-lifecycle events (kprobe, tracepoint, ...) counted per process, each line once. The
 * ids of the latest `window` lines per process are remembered to skip repeats; older ones
 * are let go (and counted), so a process with millions of probe events holds a bounded set.
 * Kept apart from the process entries because most processes have no probe events.
 */
export class ProbeCounts {
  private readonly byProcess = new Map<string, { count: number; ids: Set<string> }>();
  private evictedIds = 0;

  constructor(private readonly window: number) {}

  /** Counts `eventId` for `execId` unless it is a repeat; true when it was counted. */
  attach(execId: string, eventId: string): boolean {
    let probes = this.byProcess.get(execId);
    if (probes?.ids.has(eventId)) return false;
    if (!probes) this.byProcess.set(execId, (probes = { count: 0, ids: new Set() }));
    const ids = probes.ids;
    if (ids.size >= Math.max(1, this.window)) {
      const oldest = ids.values().next();
      if (!oldest.done) ids.delete(oldest.value);
      this.evictedIds += 1;
    }
    ids.add(eventId);
    probes.count += 1;
    return true;
  }

  count(execId: string): number {
    return this.byProcess.get(execId)?.count ?? 0;
  }

  forget(execId: string): void {
    this.byProcess.delete(execId);
  }

  /** Ids let go from a full window: a repeat of one of them would be counted again. */
  get evicted(): number {
    return this.evictedIds;
  }
}
