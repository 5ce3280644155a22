import type { ParseResult, TreeWriter } from '@exectree/domain';
import type { EventStore } from './event-store.ts';

export interface RebuildResult {
  applied: number;
  /** Stored lines the current parser no longer accepts. */
  skipped: number;
}

/** Re-parses every stored line, in insertion order, into the writer. */
export function rebuildTree(
  store: EventStore,
  writer: Pick<TreeWriter, 'apply'>,
  parse: (line: string) => ParseResult,
): RebuildResult {
  const result: RebuildResult = { applied: 0, skipped: 0 };
  for (const stored of store.replay()) {
    const parsed = parse(stored.raw);
    if (parsed.kind !== 'event') {
      result.skipped += 1;
      continue;
    }
    writer.apply(parsed.event);
    result.applied += 1;
  }
  return result;
}
