import {
  ProcessTreeBuilder,
  parseLine,
  type ParseResult,
  type ParsedEvent,
} from '@exectree/domain';
import type { Log } from './log.ts';
import type { EventStore } from './store/event-store.ts';
import type { ProcessStore } from './store/process-store.ts';
import { openSqliteStores } from './store/sqlite-stores.ts';
import type { ChangeFeed } from './changes/change-feed.ts';
import { createProcessRowSync } from './changes/process-row-sync.ts';
import {
  RETENTION_INTERVAL_MS,
  createRetention,
  type RetentionPolicy,
  type RetentionReport,
} from './retention/retention-job.ts';
import type { IngestPipeline } from './ingest/pipeline.ts';
import type { SourceRegistry } from './ingest/source-status.ts';
import type { ServerMetrics } from './metrics/server-metrics.ts';
import type { LimitSettings, Limits } from './security/limits.ts';
import { createEngineCore, repeatLogged } from './engine-core.ts';
import { runInSlices, type RebuildStatus } from './engine-rebuild.ts';
import { createStoreReplay } from './engine-replay.ts';
import { CleanShutdownMark } from './store/sqlite-clean-shutdown.ts';

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
  /**
   * The tree being rebuilt from the store after the start, in the background; its `done`
   * also waits for the first retention pass.
   */
  rebuild: RebuildStatus;
  /** One retention pass against `nowMs` (default now), once the rebuild is done; a timer runs one every minute. */
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
  /** How long one slice of the rebuild may hold the event loop (tests lower it). */
  rebuildSliceMs?: number;
}

/**
 * Opens the store and starts rebuilding the tree from it, so a restart shows the same trees.
 * Returns at once: the rebuild runs in slices in the background (`rebuild`), while ingest,
 * the API and sockets already work; events ingested meanwhile are applied at once (the
 * tree's merges do not depend on order) and not replayed a second time.
 */
export function openEngine(options: EngineOptions): Engine {
  const parse = options.parse ?? parseLine;
  const stores = openSqliteStores(options.db, parse);
  const store = stores.events;
  const builder = new ProcessTreeBuilder();
  let cleanMark: CleanShutdownMark;
  let closedCleanly: boolean;
  try {
    cleanMark = new CleanShutdownMark(store.db);
    closedCleanly = cleanMark.take();
  } catch (error) {
    stores.close();
    throw error;
  }
  const rows = createProcessRowSync({
    rows: stores.processes,
    mode: closedCleanly ? 'trusted' : 'compare',
  });
  /**
   * Ids of events ingested while the rebuild runs: applied live, skipped by the replay;
   * undefined once the rebuild is done.
   */
  let appliedLive: Set<string> | undefined = new Set();
  const writer = {
    apply(event: ParsedEvent) {
      if (appliedLive) {
        appliedLive.add(event.id);
        // Rows of the processes it changes no longer match the stored events alone.
        if (rows.mode() === 'trusted') rows.setMode('compare');
      }
      builder.apply(event);
    },
  };
  const core = createEngineCore({ options, parse, builder, store, writer, dbPath: options.db });
  const { changes, podLimit, metrics } = core;
  changes.subscribe((drained) => rows.onDrain(podLimit.forRows(drained)));
  changes.subscribe((drained) => {
    // The limit follows the drains once the rebuild is done (it then trims the whole tree).
    if (appliedLive === undefined) podLimit.onDrain(drained);
  });
  const flushAll = () => {
    changes.flush();
    rows.writeNow();
  };
  const retention = createRetention({
    store: stores.retention,
    tree: builder,
    flush: flushAll,
    policy: options.retention ?? { maxAgeMs: 0, maxBytes: 0 },
    deletedEvents: metrics.retentionDeleted,
    log: options.log,
  });

  const replay = createStoreReplay({
    store,
    builder,
    parse,
    rows: stores.processes,
    sweepStaleRows: !closedCleanly,
    alreadyApplied: (id) => appliedLive?.has(id) === true,
    log: options.log,
    finish(sweptRows) {
      // The replay's last changes are not news either; from here on drains are written.
      changes.flush();
      appliedLive = undefined;
      const fixed = rows.repaired + sweptRows;
      if (!closedCleanly && fixed > 0) {
        options.log(`store: brought ${fixed} process rows up to date`);
      }
      rows.setMode('write');
      podLimit.trim(builder.groups());
    },
  });
  const rebuild = runInSlices(replay, options.rebuildSliceMs);
  rebuild.done.catch((error: unknown) => {
    options.log(`store: rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
  });

  const runRetention = async (nowMs = Date.now()) => {
    // Retention reads the rows and forgets from the tree: both must be complete first.
    await rebuild.done;
    return retention.run(nowMs);
  };
  let closed = false;
  let stopRetention = () => {};
  let started: Promise<void> = rebuild.done;
  if (options.retention && (options.retention.maxAgeMs > 0 || options.retention.maxBytes > 0)) {
    const intervalMs = options.retentionIntervalMs ?? RETENTION_INTERVAL_MS;
    // The first pass is part of starting: `rebuild.done` waits for it too. The timer starts
    // after it, so passes never overlap however long the rebuild takes.
    started = rebuild.done.then(() =>
      runRetention().then(
        () => undefined,
        (error: unknown) => {
          options.log(`retention: ${error instanceof Error ? error.message : String(error)}`);
        },
      ),
    );
    started.then(
      () => {
        if (!closed) {
          stopRetention = repeatLogged(runRetention, intervalMs, options.log, 'retention');
        }
      },
      () => undefined,
    );
  }

  // Rows are written a little after the drain that changed them; a read writes them first,
  // so search always agrees with the tree it was drained from.
  const processes: ProcessStore = {
    applyChanges: (drained) => stores.processes.applyChanges(drained),
    sync: (all) => stores.processes.sync(all),
    count() {
      rows.writeNow();
      return stores.processes.count();
    },
    search(query) {
      rows.writeNow();
      return stores.processes.search(query);
    },
  };

  return {
    store,
    processes,
    builder,
    changes,
    pipeline: core.pipeline,
    sources: core.sources,
    metrics,
    limits: core.limits,
    rebuild: { ...rebuild, done: started },
    runRetention,
    close() {
      closed = true;
      stopRetention();
      rebuild.stop();
      changes.close();
      try {
        if (rebuild.progress() === null) {
          // The rows take the last changes, so the next start can trust them.
          flushAll();
          cleanMark.set();
        } else if (rows.mode() === 'trusted') {
          // Closed mid-rebuild with nothing written: the rows are still the trusted ones.
          cleanMark.set();
        }
      } finally {
        stores.close();
      }
    },
  };
}
