import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { timeKey, type ParsedEvent } from '@exectree/domain';
import type { FileCursor, StoredEvent, SyncEventStore } from './event-store.ts';
import { FILE_CURSORS_SCHEMA, SqliteFileCursors } from './sqlite-file-cursors.ts';
import { PROCESS_ROWS_SCHEMA } from './sqlite-process-schema.ts';
import { storedExecId } from './stored-exec-id.ts';

export const MEMORY_DB = ':memory:';
const REPLAY_PAGE = 2_000;
const DEFAULT_EVENTS_LIMIT = 10_000;

const SCHEMA = `
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

/** MIGRATIONS[v] upgrades a database from `user_version` v to v + 1; append, never edit. */
const MIGRATIONS = [SCHEMA, FILE_CURSORS_SCHEMA, PROCESS_ROWS_SCHEMA];
const SCHEMA_VERSION = MIGRATIONS.length;

interface EventRow {
  id: string;
  seq: number;
  type: string;
  node: string;
  timeKey: string;
  execId: string | null;
  raw: string;
}

export class SqliteEventStore implements SyncEventStore {
  /** Shared with the stores of the other tables (sqlite-stores.ts). */
  readonly db: Database.Database;
  private readonly insert: Database.Statement<EventRow>;
  private readonly page: Database.Statement<[number, number], StoredEvent>;
  private readonly byProcess: Database.Statement<[string, number], { raw: string }>;
  private readonly countRows: Database.Statement<[], { n: number }>;
  private readonly appendAll: (events: readonly ParsedEvent[]) => ParsedEvent[];
  private readonly cursors: SqliteFileCursors;
  private readonly appendAndMove: (
    events: readonly ParsedEvent[],
    cursor: FileCursor,
  ) => ParsedEvent[];
  private nextSeq: number;

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
    this.migrate();
    this.insert = this.db.prepare(
      `INSERT OR IGNORE INTO events (id, seq, type, node, time_key, exec_id, raw)
       VALUES (@id, @seq, @type, @node, @timeKey, @execId, @raw)`,
    );
    this.page = this.db.prepare(
      'SELECT id, seq, raw FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.byProcess = this.db.prepare(
      'SELECT raw FROM events WHERE exec_id = ? ORDER BY time_key, seq LIMIT ?',
    );
    this.countRows = this.db.prepare('SELECT COUNT(*) AS n FROM events');
    const maxSeq = this.db.prepare('SELECT MAX(seq) AS m FROM events').get() as {
      m: number | null;
    };
    this.nextSeq = (maxSeq.m ?? 0) + 1;
    this.appendAll = this.db.transaction((events: readonly ParsedEvent[]) => {
      const inserted: ParsedEvent[] = [];
      for (const event of events) {
        const info = this.insert.run({
          id: event.id,
          seq: this.nextSeq,
          type: event.type,
          node: event.node,
          timeKey: timeKey(event.time),
          execId: storedExecId(event),
          raw: event.raw,
        });
        if (info.changes > 0) {
          this.nextSeq += 1;
          inserted.push(event);
        }
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
    return this.keepingSeq(() => this.appendAll(events));
  }

  appendWithCursor(events: readonly ParsedEvent[], cursor: FileCursor): ParsedEvent[] {
    return this.keepingSeq(() => this.appendAndMove(events, cursor));
  }

  readCursor(path: string): FileCursor | undefined {
    return this.cursors.read(path);
  }

  private keepingSeq(write: () => ParsedEvent[]): ParsedEvent[] {
    const seqBefore = this.nextSeq;
    try {
      return write();
    } catch (error) {
      // The transaction rolled back, so the sequence numbers it handed out are free again.
      this.nextSeq = seqBefore;
      throw error;
    }
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
      for (const step of MIGRATIONS.slice(version)) this.db.exec(step);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }
}
