import type Database from 'better-sqlite3';

const KEY = 'clean_shutdown';

/**
 * A mark in `store_meta` that the last server wrote every process row before it closed. It
 * is taken (read and deleted) on open, so a server that dies leaves none, and the next start
 * knows it must compare the rows with the rebuilt tree.
 */
export class CleanShutdownMark {
  constructor(private readonly db: Database.Database) {}

  /** Whether the previous server closed cleanly; deletes the mark either way. */
  take(): boolean {
    return this.db.prepare('DELETE FROM store_meta WHERE key = ?').run(KEY).changes > 0;
  }

  /** Call once the rows hold every change, just before the database closes. */
  set(): void {
    this.db
      .prepare('INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)')
      .run(KEY, new Date().toISOString());
  }
}
