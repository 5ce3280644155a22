import type { Pool, PoolClient } from 'pg';
import type { FileCursor } from '../event-store.ts';

/** The `file_cursors` table: in the database, so a followed file can move to another replica. */
export async function saveCursor(client: PoolClient, cursor: FileCursor): Promise<void> {
  await client.query(
    `INSERT INTO file_cursors (path, file_id, fingerprint, byte_offset, line_no)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (path) DO UPDATE SET file_id = excluded.file_id,
       fingerprint = excluded.fingerprint, byte_offset = excluded.byte_offset,
       line_no = excluded.line_no`,
    [cursor.path, cursor.fileId, cursor.fingerprint, cursor.offset, cursor.line],
  );
}

export async function readCursor(pool: Pool, path: string): Promise<FileCursor | undefined> {
  const result = await pool.query<{
    path: string;
    file_id: string;
    fingerprint: string;
    byte_offset: string;
    line_no: string;
  }>('SELECT path, file_id, fingerprint, byte_offset, line_no FROM file_cursors WHERE path = $1', [
    path,
  ]);
  const row = result.rows[0];
  return row === undefined
    ? undefined
    : {
        path: row.path,
        fileId: row.file_id,
        fingerprint: row.fingerprint,
        offset: Number(row.byte_offset),
        line: Number(row.line_no),
      };
}
