export { createApp, type App, type AppDeps } from './app.ts';
export { openEngine, type Engine, type EngineOptions } from './engine.ts';
export { startServer, type RunningServer, type ServerOptions } from './server.ts';
export type { EventStore, StoredEvent } from './store/event-store.ts';
export { SqliteEventStore, MEMORY_DB } from './store/sqlite-event-store.ts';
export type {
  ProcessQuery,
  ProcessSearch,
  ProcessSearchResult,
  ProcessStore,
} from './store/process-store.ts';
export type { DeletedProcesses, RetentionStore } from './store/retention-store.ts';
export { openSqliteStores, type SqliteStores } from './store/sqlite-stores.ts';
export { createChangeFeed, type ChangeFeed, type ChangeListener } from './changes/change-feed.ts';
export {
  DEFAULT_RETENTION,
  type RetentionPolicy,
  type RetentionReport,
} from './retention/retention-job.ts';
export { createIngestPipeline, type BatchResult, type IngestPipeline } from './ingest/pipeline.ts';
export { ingestAll } from './ingest/ingest-all.ts';
export { LineSplitter, splitText, type NumberedLine } from './ingest/line-splitter.ts';
export type { Source } from './ingest/source.ts';
export { SourceRegistry, SourceTracker } from './ingest/source-status.ts';
export type { Log } from './log.ts';
export { VERSION } from './version.ts';
