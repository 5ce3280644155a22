import type { ParseResult, TreeWriter } from '@exectree/domain';
import type { SyncEventStore } from './event-store.ts';
import { RepeatSnapshotFilter } from './repeat-snapshots.ts';

export interface RebuildResult {
  applied: number;
  /** Stored lines the current parser no longer accepts. */
  skipped: number;
}

/** Re-parses every stored line, in insertion order, into the writer. */
export function rebuildTree(
  store: Pick<SyncEventStore, 'replay'>,
  writer: Pick<TreeWriter, 'apply'>,
  parse: (line: string) => ParseResult,
): RebuildResult {
  const result: RebuildResult = { applied: 0, skipped: 0 };
  const repeats = new RepeatSnapshotFilter();
  for (const stored of store.replay()) {
    const parsed = parse(stored.raw);
    if (parsed.kind !== 'event') {
      result.skipped += 1;
      continue;
    }
    writer.apply(repeats.strip(parsed.event));
    result.applied += 1;
  }
  return result;
}
