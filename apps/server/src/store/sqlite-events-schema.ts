import type Database from 'better-sqlite3';
import { contentHash } from '../ingest/domain-parsing.ts';

/** Schema step 1, as first released: kept verbatim so old databases replay the same steps. */
export const EVENTS_TEXT_ID_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  node TEXT NOT NULL,
  time_key TEXT NOT NULL,
  exec_id TEXT,
  raw TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_seq ON events (seq);
CREATE INDEX IF NOT EXISTS events_exec_id ON events (exec_id, time_key, seq) WHERE exec_id IS NOT NULL;
`;

/**
 * The 16-hex-digit event id (`contentHash`) as the signed 64-bit integer SQLite stores, from
 * its two 32-bit halves bound as two parameters (high first).
 */
export const HASH_FROM_HALVES = '((? << 32) | ?)';
/** The stored integer back as the 16 lowercase hex digits `contentHash` produces. */
export const ID_OF_HASH = `printf('%016x', hash)`;

/** The id's high and low 32 bits: the parameters of HASH_FROM_HALVES. */
export function idHigh(id: string): number {
  return Number.parseInt(id.slice(0, 8), 16);
}
export function idLow(id: string): number {
  return Number.parseInt(id.slice(8, 16), 16);
}

const HEX_ID = /^[0-9a-f]{16}$/;

/** True for ids as `contentHash` makes them: the only ids the SQLite store can keep. */
export function isContentHashId(id: string): boolean {
  return HEX_ID.test(id);
}
const REHASH_FUNCTION = 'exectree_event_hash';

/**
 * Schema step 4: `seq` becomes the rowid (no separate seq index) and the content hash an
 * INTEGER with a unique index instead of a 16-character TEXT primary key, so an insert
 * appends to the table and updates one small index instead of two. Ids read back as the
 * same hex text, so event ids (and loss marker ids) do not change.
 */
export function rekeyEventsByRowid(db: Database.Database): void {
  db.function(REHASH_FUNCTION, { deterministic: true }, (id: unknown, raw: unknown) => {
    // Every id exectree wrote is contentHash(raw); anything else is re-hashed from the line.
    const hex = typeof id === 'string' && HEX_ID.test(id) ? id : contentHash(String(raw));
    return BigInt.asIntN(64, BigInt(`0x${hex}`));
  });
  db.exec(`
    CREATE TABLE events_by_rowid (
      seq INTEGER PRIMARY KEY,
      hash INTEGER NOT NULL,
      type TEXT NOT NULL,
      node TEXT NOT NULL,
      time_key TEXT NOT NULL,
      exec_id TEXT,
      raw TEXT NOT NULL
    );
    INSERT OR IGNORE INTO events_by_rowid (seq, hash, type, node, time_key, exec_id, raw)
      SELECT seq, ${REHASH_FUNCTION}(id, raw), type, node, time_key, exec_id, raw
      FROM events ORDER BY seq;
    DROP TABLE events;
    ALTER TABLE events_by_rowid RENAME TO events;
    CREATE UNIQUE INDEX events_hash ON events (hash);
    CREATE INDEX events_exec_id ON events (exec_id, time_key) WHERE exec_id IS NOT NULL;
    CREATE INDEX events_unattached ON events (time_key) WHERE exec_id IS NULL;
  `);
}
