import type { RetentionProcess } from '@exectree/domain';
import type { Awaitable } from './event-store.ts';

export interface DeletedProcesses {
  /** Rows deleted. */
  processes: number;
  /** Stored events deleted: the processes' own lines, exits and probe events included. */
  events: number;
  /** Ids of the stand-ins of exits without exec_id that belonged to these processes. */
  exitOnlyIds: string[];
}

/** What the retention job needs from a store; see docs/adr/0002. */
export interface RetentionStore {
  /** Links and times of every stored process. */
  retentionProcesses(): Awaitable<RetentionProcess[]>;
  /** Deletes the rows and the stored events of these processes in one transaction. */
  deleteProcesses(execIds: readonly string[]): Awaitable<DeletedProcesses>;
  /** Deletes stored events that belong to no process (loss markers) older than the time key. */
  deleteUnattachedEventsBefore(cutoffKey: string): Awaitable<string[]>;
  /** Bytes the stored data occupies now. */
  usedBytes(): Awaitable<number>;
  /** Hands freed space back to the file system where the store can. */
  reclaim(): Awaitable<void>;
}
