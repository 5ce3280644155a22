import { closeSync, existsSync, fsyncSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { MEMORY_DB, SqliteEventStore } from './sqlite-event-store.ts';

/** Fewer, larger checkpoints while loading. */
const BULK_CHECKPOINT_PAGES = 4096;

export interface BulkLoad {
  store: SqliteEventStore;
  /** True when the load created the database. */
  fresh: boolean;
  /** Closes the store; a database the load created is then synced to disk once. Idempotent. */
  close(): void;
}

/**
 * Opens the event store for `exectree import`. A database the import creates holds nothing
 * to lose until the import ends, so it is written without syncing (`synchronous = OFF`: a
 * crash of the process stays safe, only losing power mid-import can damage it) and synced to
 * disk once when closed, instead of syncing the WAL and the database at every checkpoint. An
 * existing database keeps the server's settings, so a power loss cannot damage what it held.
 */
export function openBulkLoad(path: string): BulkLoad {
  const fresh = path !== MEMORY_DB && (!existsSync(path) || statSync(path).size === 0);
  const store = new SqliteEventStore(path);
  try {
    store.db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
    if (fresh) store.db.pragma('synchronous = OFF');
  } catch (error) {
    store.close();
    throw error;
  }
  let closed = false;
  return {
    store,
    fresh,
    close() {
      if (closed) return;
      closed = true;
      store.close();
      if (fresh) {
        // Closing checkpointed the WAL into the file; the new file's directory entry too.
        syncToDisk(path);
        syncToDisk(dirname(path));
      }
    },
  };
}

function syncToDisk(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
