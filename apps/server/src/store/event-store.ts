import type { ParsedEvent } from '@exectree/domain';

/** One stored line, as handed back for rebuilding the tree. */
export interface StoredEvent {
  id: string;
  seq: number;
  raw: string;
}

/** Durable, deduplicated log of accepted events. */
export interface EventStore {
  /** Stores the events in one transaction; returns the ones that were not stored before. */
  append(events: readonly ParsedEvent[]): ParsedEvent[];
  /** Every stored event in insertion order. */
  replay(): Iterable<StoredEvent>;
  /** Raw lines whose `process.exec_id` is `execId`, in event-time order, at most `limit`. */
  eventsForProcess(execId: string, limit?: number): string[];
  count(): number;
  close(): void;
}
