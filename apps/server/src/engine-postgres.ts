import { ProcessTreeBuilder, parseLine, type Process, type TreeReader } from '@exectree/domain';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { ServerOptions } from 'socket.io';
import type { Engine, EngineOptions } from './engine.ts';
import { createEngineCore, repeatLogged } from './engine-core.ts';
import { NO_REBUILD } from './engine-rebuild.ts';
import type { LiveServer } from './live/types.ts';
import { RETENTION_INTERVAL_MS, createRetention } from './retention/retention-job.ts';
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
 * One replica on a shared PostgreSQL database (docs/adr/0004). Ingest merges into the
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

  const core = createEngineCore({
    options,
    parse,
    builder,
    store: stores.events,
    // The tree follows the merged rows, so the events themselves are not applied here.
    writer: { apply: () => {} },
    dbPath: MEMORY_DB,
  });
  const { metrics, changes, podLimit } = core;
  changes.subscribe((drained) => {
    stores.processes.applyChanges(podLimit.forRows(drained)).catch(logError('process rows'));
  });
  changes.subscribe(podLimit.onDrain);
  podLimit.trim(builder.groups());
  // By size, the oldest daily partitions are dropped whole (retention/partition-trim.ts).
  const policy = options.retention ?? { maxAgeMs: 0, maxBytes: 0 };
  const retains = policy.maxAgeMs > 0 || policy.maxBytes > 0;
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
  let stopRetention = () => {};
  if (follow && retains) {
    stopRetention = repeatLogged(
      runRetention,
      options.retentionIntervalMs ?? RETENTION_INTERVAL_MS,
      log,
      'postgres: retention',
    );
  }
  // A new leader brings the rows up to date and catches up on retention at once.
  onLeader = () => {
    stores.processes
      .sync(allProcesses(builder))
      .then((fixed) => fixed > 0 && log(`postgres: brought ${fixed} process rows up to date`))
      .catch(logError('process rows'));
    if (retains) runRetention().catch(logError('retention'));
  };
  if (follow) await stores.leader.start();

  const engine: Engine = {
    store: stores.events,
    processes: stores.processes,
    builder,
    changes,
    pipeline: core.pipeline,
    sources: core.sources,
    metrics,
    limits: core.limits,
    rebuild: NO_REBUILD,
    runRetention,
    async close() {
      stopRetention();
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
