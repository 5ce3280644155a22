import { ProcessTreeBuilder, parseLine, type Process, type TreeReader } from '@exectree/domain';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { ServerOptions } from 'socket.io';
import { createChangeFeed } from './changes/change-feed.ts';
import type { Engine, EngineOptions } from './engine.ts';
import { createIngestPipeline } from './ingest/pipeline.ts';
import { SourceRegistry } from './ingest/source-status.ts';
import type { LiveServer } from './live/types.ts';
import { createServerMetrics } from './metrics/server-metrics.ts';
import { registerStateGauges } from './metrics/state-gauges.ts';
import { RETENTION_INTERVAL_MS, createRetention } from './retention/retention-job.ts';
import { DEFAULT_LIMITS, createLimits, observeAll } from './security/limits.ts';
import { createPodProcessLimit } from './security/pod-process-limit.ts';
import { MEMORY_DB } from './store/sqlite-event-store.ts';
import { PgMirror } from './store/postgres/pg-mirror.ts';
import { openPgStores } from './store/postgres/pg-stores.ts';

/** What lets replicas of one database tell each other to look for changes. */
export interface Cluster {
  /** The socket.io adapter for `new Server(..., { adapter })`. */
  adapter: NonNullable<ServerOptions['adapter']>;
  /** Starts listening to peers and telling them about commits. */
  attach(io: LiveServer): void;
}

export const CHANGED_EVENT = 'exectree:changed';
const NUDGE_MS = 20;

export interface PostgresEngineOptions extends EngineOptions {
  /** How often to look for changes without being told (default 1 s). */
  scanIntervalMs?: number;
  /**
   * false: only store and merge (a replica next to one agent, serving no browser): no tree
   * in memory, no scans, never leader. Default true.
   */
  follow?: boolean;
}

function allProcesses(reader: TreeReader): Process[] {
  return reader.groups().flatMap((group) => reader.processes(group.key));
}

/**
 * One replica on a shared PostgreSQL database (docs/adr/0003). Ingest merges into the
 * database; the tree in memory follows the merged rows (PgMirror), so every replica serves
 * the same trees and computes its sockets' deltas as a single server does.
 */
export async function openPostgresEngine(
  options: PostgresEngineOptions,
): Promise<{ engine: Engine; cluster: Cluster }> {
  const parse = options.parse ?? parseLine;
  const { log } = options;
  const builder = new ProcessTreeBuilder();
  let onLeader = () => {};
  const stores = await openPgStores(options.db, log, () => onLeader());
  const follow = options.follow ?? true;
  const mirror = new PgMirror(stores.pool, builder, stores.origin, log);
  try {
    if (follow) await mirror.start(options.scanIntervalMs);
    else log('postgres: ingest only: this replica stores and merges, and serves no trees');
  } catch (error) {
    await stores.close();
    throw error;
  }
  // Clients start from snapshots: the initial load is not a delta.
  builder.drainChanges();
  const logError = (what: string) => (error: unknown) =>
    log(`postgres: ${what}: ${error instanceof Error ? error.message : String(error)}`);

  let emitToPeers = () => {};
  let nudge: NodeJS.Timeout | undefined;
  // One message per NUDGE_MS at most: a peer's scan reads everything changed anyway.
  const notifyPeers = () => {
    nudge ??= setTimeout(() => {
      nudge = undefined;
      emitToPeers();
    }, NUDGE_MS);
  };
  stores.events.onCommit((changed) => {
    if (changed === 0) return;
    mirror.requestScan();
    notifyPeers();
  });

  const metrics = createServerMetrics();
  const sources = new SourceRegistry();
  const limits = createLimits(metrics.registry, { ...DEFAULT_LIMITS, ...options.limits });
  registerStateGauges(metrics.registry, {
    reader: builder,
    sources,
    newestEventMs: metrics.newestEventMs,
    dbPath: MEMORY_DB,
  });
  const pipeline = createIngestPipeline({
    store: stores.events,
    // The tree follows the merged rows, so the events themselves are not applied here.
    writer: { apply: () => {} },
    log,
    parse,
    observer: observeAll(metrics.ingest, limits.ingest),
  });
  const changes = createChangeFeed({
    tree: builder,
    log,
    ...(options.tickMs === undefined ? {} : { intervalMs: options.tickMs }),
  });
  const podLimit = createPodProcessLimit({
    tree: builder,
    max: limits.settings.max_pod_processes,
    evicted: (count) => limits.hit('max_pod_processes', count),
    log,
  });
  changes.subscribe((drained) => {
    stores.processes.applyChanges(podLimit.forRows(drained)).catch(logError('process rows'));
  });
  changes.subscribe(podLimit.onDrain);
  podLimit.trim(builder.groups());
  // Deleted rows leave PostgreSQL's files as large as they were, so a size limit would
  // delete ended history on every pass; retention is by age (whole partitions) only.
  const policy = { maxAgeMs: options.retention?.maxAgeMs ?? 0, maxBytes: 0 };
  if (follow && (options.retention?.maxBytes ?? 0) > 0) {
    log(
      'postgres: --retention-size does not apply (PostgreSQL does not shrink); retention is by age',
    );
  }
  const retention = createRetention({
    store: stores.retention,
    tree: builder,
    flush: changes.flush,
    policy,
    deletedEvents: metrics.retentionDeleted,
    log,
  });
  const none = { subtrees: 0, processes: 0, events: 0, markers: 0, usedBytes: 0 };
  const runRetention = async (nowMs = Date.now()) => {
    if (!stores.leader.isLeader()) return none;
    const report = await retention.run(nowMs);
    // The others read the deletions from `forgotten`; tell them to look now.
    if (report.events > 0) notifyPeers();
    return report;
  };
  let retentionTimer: NodeJS.Timeout | undefined;
  if (follow && policy.maxAgeMs > 0) {
    retentionTimer = setInterval(
      () => void runRetention().catch(logError('retention')),
      options.retentionIntervalMs ?? RETENTION_INTERVAL_MS,
    );
    retentionTimer.unref();
  }
  // A new leader brings the rows up to date and catches up on retention at once.
  onLeader = () => {
    stores.processes
      .sync(allProcesses(builder))
      .then((fixed) => fixed > 0 && log(`postgres: brought ${fixed} process rows up to date`))
      .catch(logError('process rows'));
    if (policy.maxAgeMs > 0) runRetention().catch(logError('retention'));
  };
  if (follow) await stores.leader.start();

  const engine: Engine = {
    store: stores.events,
    processes: stores.processes,
    builder,
    changes,
    pipeline,
    sources,
    metrics,
    limits,
    runRetention,
    async close() {
      clearInterval(retentionTimer);
      clearTimeout(nudge);
      changes.close();
      try {
        await mirror.close();
        changes.flush();
      } finally {
        await stores.close();
      }
    },
  };
  const cluster: Cluster = {
    adapter: createAdapter(stores.pool, { errorHandler: logError('socket.io adapter') }),
    attach(io) {
      io.on(CHANGED_EVENT, () => mirror.requestScan());
      emitToPeers = () => io.serverSideEmit(CHANGED_EVENT);
    },
  };
  return { engine, cluster };
}
