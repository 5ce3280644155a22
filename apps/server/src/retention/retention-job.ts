import {
  endedSubtrees,
  retentionCutoffKey,
  type EndedSubtree,
  type RetentionProcess,
} from '@exectree/domain';
import type { Log } from '../log.ts';
import type { RetentionStore } from '../store/retention-store.ts';
import { isPartitioned, trimPartitions } from './partition-trim.ts';

/** How long and how much to keep; 0 turns a limit off. */
export interface RetentionPolicy {
  maxAgeMs: number;
  maxBytes: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
  maxBytes: 2 * 1024 ** 3,
};
export const RETENTION_INTERVAL_MS = 60_000;

export interface RetentionReport {
  subtrees: number;
  processes: number;
  events: number;
  markers: number;
  /** Bytes the store occupies after the run. */
  usedBytes: number;
}

export interface RetentionDeps {
  store: RetentionStore;
  tree: { forget(execIds: Iterable<string>): void; forgetMarkers(ids: Iterable<string>): void };
  /**
   * Drains the tree to its listeners: before a run so the rows hold every change, after it
   * so live clients see the removes at once.
   */
  flush: () => void;
  policy: RetentionPolicy;
  /** Counts deleted events (the exectree_retention_deleted_total metric). */
  deletedEvents?: { inc(by: number): void };
  log: Log;
}

export interface Retention {
  readonly policy: RetentionPolicy;
  /** One pass: by age, then by size. `nowMs` is the clock the age limit is measured against. */
  run(nowMs: number): Promise<RetentionReport>;
}

export function createRetention(deps: RetentionDeps): Retention {
  const { store, policy } = deps;

  const run = async (nowMs: number): Promise<RetentionReport> => {
    deps.flush();
    const report: RetentionReport = {
      subtrees: 0,
      processes: 0,
      events: 0,
      markers: 0,
      usedBytes: 0,
    };
    const remove = async (subtrees: readonly EndedSubtree[]) => {
      const execIds = subtrees.flatMap((subtree) => subtree.execIds);
      const deleted = await store.deleteProcesses(execIds);
      deps.tree.forget([...execIds, ...deleted.exitOnlyIds]);
      report.subtrees += subtrees.length;
      report.processes += deleted.processes;
      report.events += deleted.events;
    };

    /** Deletes what ended before the cutoff key; returns the processes left. */
    const expireBefore = async (cutoff: string, processes: readonly RetentionProcess[]) => {
      const expired = endedSubtrees(processes, { before: cutoff });
      await remove(expired);
      const markers = await store.deleteUnattachedEventsBefore(cutoff);
      deps.tree.forgetMarkers(markers);
      report.markers += markers.length;
      report.events += markers.length;
      return withoutDeleted(processes, expired);
    };

    let processes = await store.retentionProcesses();
    if (policy.maxAgeMs > 0) {
      processes = await expireBefore(retentionCutoffKey(nowMs, policy.maxAgeMs), processes);
    }
    if (report.events > 0) await store.reclaim();
    report.usedBytes = await store.usedBytes();
    if (policy.maxBytes > 0 && report.usedBytes > policy.maxBytes) {
      report.usedBytes = isPartitioned(store)
        ? await trimPartitions({ store, processes, nowMs, maxBytes: policy.maxBytes, expireBefore })
        : await trimToSize(processes, report.usedBytes, remove);
    }
    if (policy.maxBytes > 0) warnWhileOverSize(report.usedBytes);

    if (report.events > 0) {
      deps.deletedEvents?.inc(report.events);
      deps.flush();
      deps.log(
        `retention: deleted ${report.processes} processes in ${report.subtrees} ended subtrees, ` +
          `${report.events} events (${report.markers} without a process); store ${formatBytes(report.usedBytes)}`,
      );
    }
    return report;
  };

  /**
   * Deletes the oldest ended subtrees until the store fits. Space freed inside half-empty
   * pages does not show until pages empty, so each round deletes twice as much as the last.
   */
  const trimToSize = async (
    processes: readonly RetentionProcess[],
    usedBytes: number,
    remove: (subtrees: readonly EndedSubtree[]) => Promise<void>,
  ): Promise<number> => {
    const candidates = endedSubtrees(processes);
    const bytesPerProcess = usedBytes / Math.max(1, processes.length);
    let used = usedBytes;
    let next = 0;
    for (let round = 0; used > policy.maxBytes && next < candidates.length; round += 1) {
      const wanted = Math.ceil(((used - policy.maxBytes) / bytesPerProcess) * 2 ** round);
      const batch: EndedSubtree[] = [];
      for (let count = 0; next < candidates.length && (batch.length === 0 || count < wanted);) {
        const subtree = candidates[next++] as EndedSubtree;
        batch.push(subtree);
        count += subtree.execIds.length;
      }
      await remove(batch);
      await store.reclaim();
      used = await store.usedBytes();
    }
    return used;
  };

  let overSize = false;
  /** Once per episode: a store that cannot shrink enough says so, not every minute. */
  const warnWhileOverSize = (usedBytes: number) => {
    const over = usedBytes > policy.maxBytes;
    if (over && !overSize) {
      deps.log(
        `retention: store ${formatBytes(usedBytes)} stays over --retention-size ` +
          `${formatBytes(policy.maxBytes)}: what is left still runs (or, on PostgreSQL, is from today)`,
      );
    }
    overSize = over;
  };

  return { policy, run };
}

function withoutDeleted(
  processes: readonly RetentionProcess[],
  deleted: readonly EndedSubtree[],
): RetentionProcess[] {
  if (deleted.length === 0) return [...processes];
  const gone = new Set(deleted.flatMap((subtree) => subtree.execIds));
  return processes.filter((process) => !gone.has(process.execId));
}

function formatBytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
