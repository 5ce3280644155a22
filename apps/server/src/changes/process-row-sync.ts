import type { Process, TreeChanges } from '@exectree/domain';

type RowChanges = Pick<TreeChanges, 'upserts' | 'removes'>;

/** What the process rows need from the store (SqliteProcessStore). */
export interface RowSink {
  applyChanges(changes: RowChanges): void;
  /** Writes only what differs from the stored rows; returns how many rows it wrote. */
  reconcile(changes: RowChanges): number;
}

/**
 * How drains reach the rows:
 * - `trusted`: the rows already hold every process as the stored events make it (the last
 *   server closed cleanly) and nothing else was applied yet: a rebuild's drains are dropped.
 * - `compare`: a rebuild after a crash, or with live events mixed in: write what differs.
 * - `write`: normal running: write every change, coalesced, after the live hub had its turn.
 */
export type RowMode = 'trusted' | 'compare' | 'write';

export interface ProcessRowSync {
  /** The change-feed listener. */
  onDrain(changes: RowChanges): void;
  mode(): RowMode;
  setMode(mode: RowMode): void;
  /** Writes what is still pending (before retention reads the rows, and on close). */
  writeNow(): void;
  /** Rows written in `compare` mode so far. */
  readonly repaired: number;
}

export interface ProcessRowSyncDeps {
  rows: RowSink;
  mode: RowMode;
  /**
   * Runs the deferred write after `delayMs` (0: the next turn of the event loop); a timer by
   * default.
   */
  defer?: (write: () => void, delayMs: number) => void;
  /** Shortest time between two writes (ROW_WRITE_GAP_MS). */
  minGapMs?: number;
  now?: () => number;
}

/**
 * Shortest time between two writes of the rows. Every commit rewrites the pages it touched
 * (the end of each index, the table's last page), so writing the drains of this long at
 * once costs less than writing each drain: search may lag the tree by this much.
 */
export const ROW_WRITE_GAP_MS = 100;

function deferByTimer(write: () => void, delayMs: number): void {
  if (delayMs <= 0) setImmediate(write);
  else setTimeout(write, delayMs).unref();
}

/**
 * Keeps the process rows (what search reads) equal to the tree. While running, the rows of
 * a drain are written in a later turn of the event loop, so the sockets get their deltas
 * first, and at most once per `minGapMs`; what changes again meanwhile is written once.
 */
export function createProcessRowSync(deps: ProcessRowSyncDeps): ProcessRowSync {
  let mode = deps.mode;
  let repaired = 0;
  /** By exec id: the latest view, or null for a row to delete. */
  let pending = new Map<string, Process | null>();
  let scheduled = false;
  const defer = deps.defer ?? deferByTimer;
  const now = deps.now ?? (() => performance.now());
  const minGapMs = deps.minGapMs ?? ROW_WRITE_GAP_MS;
  let lastWriteAt = -Infinity;

  const writeNow = () => {
    scheduled = false;
    lastWriteAt = now();
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    const upserts: Process[] = [];
    const removes: { execId: string; group: string }[] = [];
    for (const [execId, process] of batch) {
      if (process === null) removes.push({ execId, group: '' });
      else upserts.push(process);
    }
    deps.rows.applyChanges({ upserts, removes });
  };

  return {
    onDrain(changes) {
      if (mode === 'trusted') return;
      if (mode === 'compare') {
        repaired += deps.rows.reconcile(changes);
        return;
      }
      if (changes.upserts.length === 0 && changes.removes.length === 0) return;
      // A process that moved group is removed from the old one and upserted in the same drain.
      for (const remove of changes.removes) pending.set(remove.execId, null);
      for (const process of changes.upserts) pending.set(process.execId, process);
      if (!scheduled) {
        scheduled = true;
        defer(writeNow, Math.max(0, lastWriteAt + minGapMs - now()));
      }
    },
    mode: () => mode,
    setMode(next) {
      mode = next;
    },
    writeNow,
    get repaired() {
      return repaired;
    },
  };
}
