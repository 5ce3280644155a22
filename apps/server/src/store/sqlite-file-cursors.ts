import type Database from 'better-sqlite3';
import type { FileCursor } from './event-store.ts';

/** Schema step that adds the cursors of followed files. */
export const FILE_CURSORS_SCHEMA = `
CREATE TABLE IF NOT EXISTS file_cursors (
  path TEXT PRIMARY KEY,
  file_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  byte_offset INTEGER NOT NULL,
  line_no INTEGER NOT NULL
);
`;

/** The `file_cursors` table; `save` joins whatever transaction is open. */
export class SqliteFileCursors {
  private readonly upsert: Database.Statement<[string, string, string, number, number]>;
  private readonly select: Database.Statement<[string], FileCursor>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO file_cursors (path, file_id, fingerprint, byte_offset, line_no)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET file_id = excluded.file_id,
         fingerprint = excluded.fingerprint, byte_offset = excluded.byte_offset,
         line_no = excluded.line_no`,
    );
    this.select = db.prepare(
      `SELECT path, file_id AS fileId, fingerprint, byte_offset AS offset, line_no AS line
       FROM file_cursors WHERE path = ?`,
    );
  }

  save(cursor: FileCursor): void {
    this.upsert.run(cursor.path, cursor.fileId, cursor.fingerprint, cursor.offset, cursor.line);
  }

  read(path: string): FileCursor | undefined {
    return this.select.get(path);
  }
}
