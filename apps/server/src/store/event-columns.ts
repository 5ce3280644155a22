/**
 * Parsed events reduced to the columns the SQLite store writes, one array per column, so a
 * parse worker can hand back a batch without one object per event.
 */
export interface EventColumns {
  /** Each event's content hash (its id) as 32-bit halves: high0, low0, high1, low1, ... */
  hashes: Uint32Array;
  types: string[];
  nodes: string[];
  timeKeys: string[];
  execIds: (string | null)[];
  /** The lines as read, trimmed (`ParsedEvent.raw`). */
  raws: string[];
}
