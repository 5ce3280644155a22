import type { ParseResult, ProcessTreeBuilder, TreeWriter } from '@exectree/domain';
import { createChangeFeed, type ChangeFeed } from './changes/change-feed.ts';
import type { EngineOptions } from './engine.ts';
import { createIngestPipeline, type IngestPipeline } from './ingest/pipeline.ts';
import { SourceRegistry } from './ingest/source-status.ts';
import type { Log } from './log.ts';
import { createServerMetrics, type ServerMetrics } from './metrics/server-metrics.ts';
import { registerStateGauges } from './metrics/state-gauges.ts';
import { DEFAULT_LIMITS, createLimits, observeAll, type Limits } from './security/limits.ts';
import { createPodProcessLimit, type PodProcessLimit } from './security/pod-process-limit.ts';
import type { EventStore } from './store/event-store.ts';

/** What every engine (SQLite or PostgreSQL) builds the same way around its store and tree. */
export interface EngineCore {
  metrics: ServerMetrics;
  sources: SourceRegistry;
  limits: Limits;
  pipeline: IngestPipeline;
  changes: ChangeFeed;
  /** Bounds the processes per group; the engine decides when it follows the drains. */
  podLimit: PodProcessLimit;
}

export interface EngineCoreDeps {
  options: EngineOptions;
  parse: (line: string) => ParseResult;
  builder: ProcessTreeBuilder;
  store: EventStore;
  /** Where ingested events go (the tree, or nowhere when the tree follows merged rows). */
  writer: Pick<TreeWriter, 'apply'>;
  /** The database file the gauges report the size of (`:memory:` for none). */
  dbPath: string;
}

export function createEngineCore(deps: EngineCoreDeps): EngineCore {
  const { options, builder } = deps;
  const metrics = createServerMetrics();
  const sources = new SourceRegistry();
  const limits = createLimits(metrics.registry, { ...DEFAULT_LIMITS, ...options.limits });
  registerStateGauges(metrics.registry, {
    reader: builder,
    sources,
    newestEventMs: metrics.newestEventMs,
    dbPath: deps.dbPath,
  });
  const changes = createChangeFeed({
    tree: builder,
    log: options.log,
    ...(options.tickMs === undefined ? {} : { intervalMs: options.tickMs }),
  });
  const pipeline = createIngestPipeline({
    store: deps.store,
    // Live events are sent as soon as the feed allows, not at the next idle tick.
    writer: {
      apply(event) {
        deps.writer.apply(event);
        changes.touched();
      },
    },
    log: options.log,
    parse: deps.parse,
    observer: observeAll(metrics.ingest, limits.ingest),
  });
  const podLimit = createPodProcessLimit({
    tree: builder,
    max: limits.settings.max_pod_processes,
    evicted: (count) => limits.hit('max_pod_processes', count),
    log: options.log,
  });
  return { metrics, sources, limits, pipeline, changes, podLimit };
}

/** Runs `run` every `intervalMs` without keeping the process alive; returns the stopper. */
export function repeatLogged(
  run: () => Promise<unknown>,
  intervalMs: number,
  log: Log,
  what: string,
): () => void {
  const runLogged = () => {
    run().catch((error: unknown) => {
      log(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const timer = setInterval(runLogged, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
