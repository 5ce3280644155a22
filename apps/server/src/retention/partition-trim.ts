import { retentionCutoffKey, type RetentionProcess } from '@exectree/domain';
import type { Awaitable } from '../store/event-store.ts';
import type { RetentionStore } from '../store/retention-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A store that keeps events in one partition per UTC day (PostgreSQL). Deleting rows frees
 * no disk there, so a size limit is met by dropping whole partitions:
 * `deleteUnattachedEventsBefore(cutoff)` drops those of the days before the cutoff's day.
 */
export interface PartitionedRetentionStore extends RetentionStore {
  /** The days (YYYY-MM-DD, UTC) that have a partition, oldest first. */
  partitionDays(): Awaitable<string[]>;
}

export function isPartitioned(store: RetentionStore): store is PartitionedRetentionStore {
  return typeof (store as Partial<PartitionedRetentionStore>).partitionDays === 'function';
}

export interface PartitionTrim {
  store: PartitionedRetentionStore;
  processes: readonly RetentionProcess[];
  nowMs: number;
  maxBytes: number;
  /** The age pass with another cutoff: ended subtrees, loss markers, then partitions. */
  expireBefore(
    cutoffKey: string,
    processes: readonly RetentionProcess[],
  ): Promise<RetentionProcess[]>;
}

/**
 * Retention by size on a partitioned store: the oldest day goes first, exactly as if the age
 * limit ended at the next midnight (processes that still run, and their ancestors, keep
 * their lines), until the store fits. Today's partition, and any later one, is never
 * dropped: it is where events arrive. Returns the bytes used afterwards.
 */
export async function trimPartitions(trim: PartitionTrim): Promise<number> {
  const { store, maxBytes } = trim;
  const today = new Date(trim.nowMs).toISOString().slice(0, 10);
  const days = (await store.partitionDays()).filter((day) => day < today);
  let processes = trim.processes;
  let used = await store.usedBytes();
  for (const day of days) {
    if (used <= maxBytes) break;
    const nextMidnight = Date.parse(`${day}T00:00:00Z`) + DAY_MS;
    processes = await trim.expireBefore(retentionCutoffKey(nextMidnight, 0), processes);
    used = await store.usedBytes();
  }
  return used;
}
