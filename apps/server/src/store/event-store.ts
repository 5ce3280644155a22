import type { ParsedEvent } from '@exectree/domain';

/** One stored line, as handed back for rebuilding the tree. */
export interface StoredEvent {
  id: string;
  seq: number;
  raw: string;
}

/**
 * How far a followed file has been read: the byte offset just after the last line whose
 * events are stored. `fileId` (device and inode) and `fingerprint` (a hash of its first
 * bytes) tell whether a file found later is the same one, even after a rename or gzip.
 */
export interface FileCursor {
  /** The followed path (absolute), the key of the cursor. */
  path: string;
  fileId: string;
  fingerprint: string;
  offset: number;
  /** Lines before `offset`, so line numbers continue after a restart. */
  line: number;
}

/** A store answers directly (SQLite) or asynchronously (PostgreSQL). */
export type Awaitable<T> = T | Promise<T>;

/** Durable, deduplicated log of accepted events. */
export interface EventStore {
  /** Stores the events in one transaction; returns the ones that were not stored before. */
  append(events: readonly ParsedEvent[]): Awaitable<ParsedEvent[]>;
  /** Like `append`, and saves `cursor` in the same transaction. */
  appendWithCursor(events: readonly ParsedEvent[], cursor: FileCursor): Awaitable<ParsedEvent[]>;
  /** The last cursor saved for `path`. */
  readCursor(path: string): Awaitable<FileCursor | undefined>;
  /** Every stored event in insertion order. */
  replay(): Iterable<StoredEvent> | AsyncIterable<StoredEvent>;
  /** Raw lines whose `process.exec_id` is `execId`, in event-time order, at most `limit`. */
  eventsForProcess(execId: string, limit?: number): Awaitable<string[]>;
  count(): Awaitable<number>;
  close(): Awaitable<void>;
}

/** The synchronous store the in-process pipeline and the rebuild use (SQLite). */
export interface SyncEventStore extends EventStore {
  /** Stores the events in one transaction; returns the ones that were not stored before. */
  append(events: readonly ParsedEvent[]): ParsedEvent[];
  /**
   * Like `append`, and saves `cursor` in the same transaction: after a crash the cursor never
   * points past events that were not stored, and stored events never lack their cursor.
   */
  appendWithCursor(events: readonly ParsedEvent[], cursor: FileCursor): ParsedEvent[];
  /** The last cursor saved for `path`. */
  readCursor(path: string): FileCursor | undefined;
  /** Every stored event in insertion order. */
  replay(): Iterable<StoredEvent>;
  /** Raw lines whose `process.exec_id` is `execId`, in event-time order, at most `limit`. */
  eventsForProcess(execId: string, limit?: number): string[];
  count(): number;
  close(): void;
}
