import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ParsedEvent } from '@exectree/domain';
import { timeKey } from '../ingest/domain-parsing.ts';
import type { FileCursor, StoredEvent, SyncEventStore } from './event-store.ts';
import { FILE_CURSORS_SCHEMA, SqliteFileCursors } from './sqlite-file-cursors.ts';
import { PROCESS_ROWS_SCHEMA } from './sqlite-process-schema.ts';
import type { EventColumns } from './event-columns.ts';
import {
  EVENTS_TEXT_ID_SCHEMA,
  HASH_FROM_HALVES,
  ID_OF_HASH,
  idHigh,
  idLow,
  isContentHashId,
  rekeyEventsByRowid,
} from './sqlite-events-schema.ts';
import { storedExecId } from './stored-exec-id.ts';

export const MEMORY_DB = ':memory:';
const REPLAY_PAGE = 2_000;
const DEFAULT_EVENTS_LIMIT = 10_000;

/** MIGRATIONS[v] upgrades a database from `user_version` v to v + 1; append, never edit. */
const MIGRATIONS: readonly (string | ((db: Database.Database) => void))[] = [
  EVENTS_TEXT_ID_SCHEMA,
  FILE_CURSORS_SCHEMA,
  PROCESS_ROWS_SCHEMA,
  rekeyEventsByRowid,
];
const SCHEMA_VERSION = MIGRATIONS.length;
/** Pages kept in memory (KiB): the hash index of about two million events stays cached. */
const CACHE_KIB = 32 * 1024;

/** The insert's parameters: the id's high and low 32 bits, then type, node, time_key, exec_id, raw. */
type InsertParams = [number, number, string, string, string, string | null, string];

export class SqliteEventStore implements SyncEventStore {
  /** Shared with the stores of the other tables (sqlite-stores.ts). */
  readonly db: Database.Database;
  private readonly page: Database.Statement<[number, number], StoredEvent>;
  private readonly byProcess: Database.Statement<[string, number], { raw: string }>;
  private readonly countRows: Database.Statement<[], { n: number }>;
  private readonly appendAll: (events: readonly ParsedEvent[]) => ParsedEvent[];
  private readonly appendColumnsTx: (columns: EventColumns) => number;
  private readonly cursors: SqliteFileCursors;
  private readonly appendAndMove: (
    events: readonly ParsedEvent[],
    cursor: FileCursor,
  ) => ParsedEvent[];

  /** Opens (creating it and its directory if needed) the database at `path`, or `:memory:`. */
  constructor(path: string) {
    if (path !== MEMORY_DB) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // Event rows are 1-3 KB, so a 4 KiB page holds one and wastes the rest. Only takes effect
    // on a new database, and must come before auto_vacuum, which fixes the page size.
    this.db.pragma('page_size = 16384');
    // Only takes effect before the first table exists: new databases can shrink after retention.
    this.db.pragma('auto_vacuum = INCREMENTAL');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`cache_size = -${CACHE_KIB}`);
    this.migrate();
    // seq is the rowid: SQLite numbers a new row after the largest one, as before.
    const insert = this.db.prepare<InsertParams>(
      `INSERT OR IGNORE INTO events (hash, type, node, time_key, exec_id, raw)
       VALUES (${HASH_FROM_HALVES}, ?, ?, ?, ?, ?)`,
    );
    this.page = this.db.prepare(
      `SELECT ${ID_OF_HASH} AS id, seq, raw FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
    );
    this.byProcess = this.db.prepare(
      'SELECT raw FROM events WHERE exec_id = ? ORDER BY time_key, seq LIMIT ?',
    );
    this.countRows = this.db.prepare('SELECT COUNT(*) AS n FROM events');
    this.appendAll = this.db.transaction((events: readonly ParsedEvent[]) => {
      const inserted: ParsedEvent[] = [];
      for (const event of events) {
        const { id } = event;
        if (!isContentHashId(id))
          throw new Error(`event id ${JSON.stringify(id)} is not a content hash`);
        const info = insert.run(
          idHigh(id),
          idLow(id),
          event.type,
          event.node,
          timeKey(event.time),
          storedExecId(event),
          event.raw,
        );
        if (info.changes > 0) inserted.push(event);
      }
      return inserted;
    });
    this.appendColumnsTx = this.db.transaction((columns: EventColumns) => {
      const { hashes, types, nodes, timeKeys, execIds, raws } = columns;
      let inserted = 0;
      for (let i = 0; i < raws.length; i++) {
        const info = insert.run(
          hashes[2 * i] ?? 0,
          hashes[2 * i + 1] ?? 0,
          types[i] ?? '',
          nodes[i] ?? '',
          timeKeys[i] ?? '',
          execIds[i] ?? null,
          raws[i] ?? '',
        );
        inserted += info.changes;
      }
      return inserted;
    });
    this.cursors = new SqliteFileCursors(this.db);
    this.appendAndMove = this.db.transaction(
      (events: readonly ParsedEvent[], cursor: FileCursor) => {
        const inserted = events.length === 0 ? [] : this.appendAll(events);
        this.cursors.save(cursor);
        return inserted;
      },
    );
  }

  append(events: readonly ParsedEvent[]): ParsedEvent[] {
    if (events.length === 0) return [];
    return this.appendAll(events);
  }

  /**
   * Stores events already reduced to their columns (by a parse worker) in one transaction;
   * returns how many of them were not stored before.
   */
  appendColumns(columns: EventColumns): number {
    if (columns.raws.length === 0) return 0;
    return this.appendColumnsTx(columns);
  }

  appendWithCursor(events: readonly ParsedEvent[], cursor: FileCursor): ParsedEvent[] {
    return this.appendAndMove(events, cursor);
  }

  readCursor(path: string): FileCursor | undefined {
    return this.cursors.read(path);
  }

  /** Pages by seq so the connection is never left busy between yields. */
  *replay(): Iterable<StoredEvent> {
    let after = 0;
    for (;;) {
      const rows = this.page.all(after, REPLAY_PAGE);
      yield* rows;
      const last = rows.at(-1);
      if (last === undefined || rows.length < REPLAY_PAGE) return;
      after = last.seq;
    }
  }

  eventsForProcess(execId: string, limit = DEFAULT_EVENTS_LIMIT): string[] {
    return this.byProcess.all(execId, limit).map((row) => row.raw);
  }

  count(): number {
    return this.countRows.get()?.n ?? 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true });
    if (typeof version !== 'number' || version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(
        `database schema version ${String(version)} is not supported (expected ${SCHEMA_VERSION} or older)`,
      );
    }
    this.db.transaction(() => {
      for (const step of MIGRATIONS.slice(version)) {
        if (typeof step === 'string') this.db.exec(step);
        else step(this.db);
      }
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }
}
