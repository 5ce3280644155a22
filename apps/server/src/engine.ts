import { ProcessTreeBuilder, parseLine, type ParseResult } from '@exectree/domain';
import type { Log } from './log.ts';
import type { EventStore } from './store/event-store.ts';
import type { ProcessStore } from './store/process-store.ts';
import { openSqliteStores } from './store/sqlite-stores.ts';
import { rebuildTree } from './store/rebuild.ts';
import { createChangeFeed, type ChangeFeed } from './changes/change-feed.ts';
import {
  RETENTION_INTERVAL_MS,
  createRetention,
  type RetentionPolicy,
  type RetentionReport,
} from './retention/retention-job.ts';
import { createIngestPipeline, type IngestPipeline } from './ingest/pipeline.ts';
import { SourceRegistry } from './ingest/source-status.ts';
import { createServerMetrics, type ServerMetrics } from './metrics/server-metrics.ts';
import { registerStateGauges } from './metrics/state-gauges.ts';
import {
  DEFAULT_LIMITS,
  createLimits,
  observeAll,
  type LimitSettings,
  type Limits,
} from './security/limits.ts';
import { createPodProcessLimit } from './security/pod-process-limit.ts';

/** The state every entry point shares: the store, the tree built from it, and the way in. */
export interface Engine {
  store: EventStore;
  /** One row per process, kept equal to the tree; what search reads. */
  processes: ProcessStore;
  builder: ProcessTreeBuilder;
  /** The only drain of the tree, once per tick, fanned out to the rows and the live hub. */
  changes: ChangeFeed;
  pipeline: IngestPipeline;
  sources: SourceRegistry;
  /** Counters other modules increment (e.g. `metrics.retentionDeleted`); served at /metrics. */
  metrics: ServerMetrics;
  /** The configured limits and their hits (also in /metrics and the info). */
  limits: Limits;
  /** One retention pass against `nowMs` (default now); a timer runs one every minute. */
  runRetention(nowMs?: number): Promise<RetentionReport>;
  close(): void | Promise<void>;
}

export interface EngineOptions {
  /** SQLite file path or `:memory:`. */
  db: string;
  log: Log;
  parse?: (line: string) => ParseResult;
  /** How often the tree is drained (default DELTA_FLUSH_INTERVAL_MS). */
  tickMs?: number;
  /** Absent: nothing is ever deleted. */
  retention?: RetentionPolicy;
  retentionIntervalMs?: number;
  /** Limits to enforce and count (docs/security.md); the defaults for the ones not given. */
  limits?: Partial<LimitSettings>;
}

/** Opens the store and rebuilds the tree from it, so a restart shows the same trees. */
export function openEngine(options: EngineOptions): Engine {
  const parse = options.parse ?? parseLine;
  const stores = openSqliteStores(options.db, parse);
  const store = stores.events;
  const builder = new ProcessTreeBuilder();
  try {
    const { applied, skipped } = rebuildTree(store, builder, parse);
    if (applied + skipped > 0) {
      options.log(`store: replayed ${applied} events${skipped ? `, skipped ${skipped}` : ''}`);
    }
    // Clients start from snapshots, so what the replay changed is not a delta; the rows
    // only need what a crash kept them from writing.
    const fixed = stores.processes.sync(builder.drainChanges().upserts);
    if (fixed > 0) options.log(`store: brought ${fixed} process rows up to date`);
  } catch (error) {
    stores.close();
    throw error;
  }
  const metrics = createServerMetrics();
  const sources = new SourceRegistry();
  const limits = createLimits(metrics.registry, { ...DEFAULT_LIMITS, ...options.limits });
  registerStateGauges(metrics.registry, {
    reader: builder,
    sources,
    newestEventMs: metrics.newestEventMs,
    dbPath: options.db,
  });
  const pipeline = createIngestPipeline({
    store,
    writer: builder,
    log: options.log,
    parse,
    observer: observeAll(metrics.ingest, limits.ingest),
  });
  const changes = createChangeFeed({
    tree: builder,
    log: options.log,
    ...(options.tickMs === undefined ? {} : { intervalMs: options.tickMs }),
  });
  const podLimit = createPodProcessLimit({
    tree: builder,
    max: limits.settings.max_pod_processes,
    evicted: (count) => limits.hit('max_pod_processes', count),
    log: options.log,
  });
  changes.subscribe((drained) => stores.processes.applyChanges(podLimit.forRows(drained)));
  changes.subscribe(podLimit.onDrain);
  podLimit.trim(builder.groups());
  const retention = createRetention({
    store: stores.retention,
    tree: builder,
    flush: changes.flush,
    policy: options.retention ?? { maxAgeMs: 0, maxBytes: 0 },
    deletedEvents: metrics.retentionDeleted,
    log: options.log,
  });
  const runRetention = (nowMs = Date.now()) => retention.run(nowMs);
  let retentionTimer: NodeJS.Timeout | undefined;
  if (options.retention && (options.retention.maxAgeMs > 0 || options.retention.maxBytes > 0)) {
    const runLogged = () => {
      runRetention().catch((error: unknown) => {
        options.log(`retention: ${error instanceof Error ? error.message : String(error)}`);
      });
    };
    runLogged();
    retentionTimer = setInterval(runLogged, options.retentionIntervalMs ?? RETENTION_INTERVAL_MS);
    retentionTimer.unref();
  }

  return {
    store,
    processes: stores.processes,
    builder,
    changes,
    pipeline,
    sources,
    metrics,
    limits,
    runRetention,
    close() {
      clearInterval(retentionTimer);
      changes.close();
      try {
        // The rows take the last changes, so the next start has nothing to fix.
        changes.flush();
      } finally {
        stores.close();
      }
    },
  };
}
