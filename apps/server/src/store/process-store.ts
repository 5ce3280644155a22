import type { Process, ProcessState, SearchResponse, TreeChanges } from '@exectree/domain';
import type { Awaitable } from './event-store.ts';

/** A search over every stored process; each given field must match. */
export interface ProcessQuery {
  /** Case-insensitive substring of the binary, the arguments or the cwd. */
  text?: string;
  namespace?: string;
  /** Pod name. */
  pod?: string;
  /** Full path when it contains "/", else the basename. */
  binary?: string;
  state?: ProcessState;
  /** RFC 3339 bounds on the start time, both inclusive. */
  since?: string;
  until?: string;
  /** true: only processes with at least one finding; false: only those with none. */
  flagged?: boolean;
  /** RFC 3339 bounds of a range the process was alive in at some instant, both inclusive. */
  aliveFrom?: string;
  aliveTo?: string;
  limit: number;
}

/** The response body of GET /api/v1/search, shared with the web app. */
export type ProcessSearchResult = SearchResponse;

export interface ProcessSearch {
  search(query: ProcessQuery): Awaitable<ProcessSearchResult>;
}

/**
 * One row per process, kept equal to the tree: searchable without the tree in memory, and
 * the place a shared store (PostgreSQL) would merge processes from several replicas.
 */
export interface ProcessStore extends ProcessSearch {
  /** Applies one drain of the tree: removes, then upserts, in one transaction. */
  applyChanges(changes: Pick<TreeChanges, 'upserts' | 'removes'>): Awaitable<void>;
  /**
   * Makes the rows exactly `processes` (after a rebuild), writing only rows that differ;
   * returns how many rows it wrote or deleted.
   */
  sync(processes: readonly Process[]): Awaitable<number>;
  count(): Awaitable<number>;
}
