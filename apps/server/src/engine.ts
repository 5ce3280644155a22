import { ProcessTreeBuilder, parseLine, type ParseResult } from '@exectree/domain';
import type { Log } from './log.ts';
import type { EventStore } from './store/event-store.ts';
import { SqliteEventStore } from './store/sqlite-event-store.ts';
import { rebuildTree } from './store/rebuild.ts';
import { createIngestPipeline, type IngestPipeline } from './ingest/pipeline.ts';
import { SourceRegistry } from './ingest/source-status.ts';

/** The state every entry point shares: the store, the tree built from it, and the way in. */
export interface Engine {
  store: EventStore;
  builder: ProcessTreeBuilder;
  pipeline: IngestPipeline;
  sources: SourceRegistry;
  close(): void;
}

export interface EngineOptions {
  /** SQLite file path or `:memory:`. */
  db: string;
  log: Log;
  parse?: (line: string) => ParseResult;
}

/** Opens the store and rebuilds the tree from it, so a restart shows the same trees. */
export function openEngine(options: EngineOptions): Engine {
  const parse = options.parse ?? parseLine;
  const store = new SqliteEventStore(options.db);
  const builder = new ProcessTreeBuilder();
  try {
    const { applied, skipped } = rebuildTree(store, builder, parse);
    if (applied + skipped > 0) {
      options.log(`store: replayed ${applied} events${skipped ? `, skipped ${skipped}` : ''}`);
    }
  } catch (error) {
    store.close();
    throw error;
  }
  // Clients start from snapshots, so what the replay changed is not a delta.
  builder.drainChanges();
  const pipeline = createIngestPipeline({ store, writer: builder, log: options.log, parse });
  return { store, builder, pipeline, sources: new SourceRegistry(), close: () => store.close() };
}
