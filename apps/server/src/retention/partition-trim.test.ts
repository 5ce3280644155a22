import { describe, expect, it } from 'vitest';
import type { RetentionProcess } from '@exectree/domain';
import type { RetentionStore } from '../store/retention-store.ts';
import { isPartitioned, trimPartitions, type PartitionedRetentionStore } from './partition-trim.ts';

const NOW = Date.parse('2026-11-27T10:00:00Z');

/** Partitions of a megabyte each; dropping happens through the cutoff the trim passes. */
function fakeStore(days: string[], otherBytes = 0) {
  const left = new Set(days);
  const cutoffs: string[] = [];
  const store: PartitionedRetentionStore = {
    retentionProcesses: () => [],
    deleteProcesses: () => ({ processes: 0, events: 0, exitOnlyIds: [] }),
    deleteUnattachedEventsBefore: () => [],
    usedBytes: () => otherBytes + left.size * 1_000_000,
    reclaim: () => {},
    partitionDays: () => [...left].sort(),
  };
  const expireBefore = (cutoff: string, processes: readonly RetentionProcess[]) => {
    cutoffs.push(cutoff);
    for (const day of [...left]) if (day < cutoff.slice(0, 10)) left.delete(day);
    return Promise.resolve([...processes]);
  };
  return { store, expireBefore, left, cutoffs };
}

describe('trimPartitions', () => {
  it('drops the oldest days one at a time until the store fits', async () => {
    const fake = fakeStore(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    const used = await trimPartitions({ ...fake, processes: [], nowMs: NOW, maxBytes: 3_500_000 });
    expect(used).toBe(3_000_000);
    expect([...fake.left].sort()).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    // Each cutoff is the next midnight: the age pass then drops exactly that day.
    expect(fake.cutoffs.map((cutoff) => cutoff.slice(0, 19))).toEqual([
      '2026-11-24T00:00:00',
      '2026-11-25T00:00:00',
    ]);
  });

  it("never drops today's partition or a later one, even when the store stays over", async () => {
    const fake = fakeStore(['2026-11-25', '2026-11-27', '2026-11-28'], 5_000_000);
    const used = await trimPartitions({ ...fake, processes: [], nowMs: NOW, maxBytes: 1 });
    expect([...fake.left].sort()).toEqual(['2026-11-27', '2026-11-28']);
    expect(used).toBe(7_000_000);
  });

  it('does nothing when the store already fits', async () => {
    const fake = fakeStore(['2026-11-25', '2026-11-26']);
    await trimPartitions({ ...fake, processes: [], nowMs: NOW, maxBytes: 2_000_000 });
    expect(fake.cutoffs).toEqual([]);
  });

  it('tells partitioned stores from others by their partitionDays method', () => {
    const { store } = fakeStore([]);
    expect(isPartitioned(store)).toBe(true);
    const plain: Partial<PartitionedRetentionStore> = { ...store };
    delete plain.partitionDays;
    expect(isPartitioned(plain as RetentionStore)).toBe(false);
  });
});
