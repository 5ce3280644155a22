import { statSync } from 'node:fs';
import type { GroupKind, ProcessState, TreeBuilderStats, TreeReader } from '@exectree/domain';
import type { SourceRegistry } from '../ingest/source-status.ts';
import { MEMORY_DB } from '../store/sqlite-event-store.ts';
import type { Sample } from './exposition.ts';
import type { MetricsRegistry } from './registry.ts';
import { registerTreeBuilderMetrics } from './tree-builder-metrics.ts';

export interface StateGaugeDeps {
  /** The tree, with what its own bounds dropped (see tree-builder-metrics.ts). */
  reader: TreeReader & { stats(): TreeBuilderStats };
  sources: SourceRegistry;
  newestEventMs: ReadonlyMap<string, number>;
  /** SQLite file path, or `:memory:` (then no store size is reported). */
  dbPath: string;
  now?: () => number;
}

const STATES: readonly ProcessState[] = ['running', 'exited', 'replaced'];
const KINDS: readonly GroupKind[] = ['pod', 'container', 'host'];

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Gauges read from the tree, the sources and the database file at scrape time. */
export function registerStateGauges(registry: MetricsRegistry, deps: StateGaugeDeps): void {
  const now = deps.now ?? Date.now;

  registry.gauge('exectree_processes', 'Processes in the tree by state.', () => {
    const counts = { running: 0, exited: 0, replaced: 0 };
    for (const group of deps.reader.groups()) {
      counts.running += group.running;
      counts.exited += group.exited;
      counts.replaced += group.processes - group.running - group.exited;
    }
    return STATES.map((state) => ({ labels: { state }, value: counts[state] }));
  });

  registry.gauge(
    'exectree_groups',
    'Groups (pods, containers without a pod, hosts) by kind.',
    () => {
      const counts = new Map<GroupKind, number>(KINDS.map((kind) => [kind, 0]));
      for (const group of deps.reader.groups()) {
        counts.set(group.kind, (counts.get(group.kind) ?? 0) + 1);
      }
      return KINDS.map((kind) => ({ labels: { kind }, value: counts.get(kind) ?? 0 }));
    },
  );

  registry.gauge(
    'exectree_store_bytes',
    'Size of the SQLite database file and its write-ahead log; absent for an in-memory store.',
    () =>
      deps.dbPath === MEMORY_DB
        ? []
        : [{ value: fileBytes(deps.dbPath) + fileBytes(`${deps.dbPath}-wal`) }],
  );

  registry.gauge(
    'exectree_source_connected',
    '1 while a source is connected (file readable, stream open, gRPC stream up), else 0.',
    () =>
      deps.sources.list().map((s) => ({ labels: { source: s.id }, value: s.connected ? 1 : 0 })),
  );

  registry.gauge(
    'exectree_source_lag_seconds',
    'Now minus the newest event time ingested from the source; absent before its first timed event.',
    () => {
      const samples: Sample[] = [];
      for (const source of deps.sources.list()) {
        const newest = deps.newestEventMs.get(source.id);
        if (newest !== undefined) {
          samples.push({ labels: { source: source.id }, value: (now() - newest) / 1000 });
        }
      }
      return samples;
    },
  );

  registerTreeBuilderMetrics(registry, () => deps.reader.stats());

  registry.gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', () => [
    { value: process.memoryUsage.rss() },
  ]);
}
