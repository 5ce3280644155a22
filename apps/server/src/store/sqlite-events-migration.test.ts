import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { contentHash, parseLine, type ParsedEvent } from '@exectree/domain';
import { generateLines } from '@exectree/simulator';
import { EVENTS_TEXT_ID_SCHEMA } from './sqlite-events-schema.ts';
import { FILE_CURSORS_SCHEMA } from './sqlite-file-cursors.ts';
import { PROCESS_ROWS_SCHEMA } from './sqlite-process-schema.ts';
import { SqliteEventStore } from './sqlite-event-store.ts';
import { storedExecId } from './stored-exec-id.ts';

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-migration-test-'));
  dbPath = join(dir, 'old.db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const events: ParsedEvent[] = generateLines({ seed: 5, count: 40 }).map((line) => {
  const result = parseLine(line);
  if (result.kind !== 'event') throw new Error('simulated line rejected');
  return result.event;
});

/** A database as exectree wrote it at schema version 3: ids are 16-hex TEXT keys. */
function writeVersion3(rows: readonly { id: string; seq: number; event: ParsedEvent }[]): void {
  const old = new Database(dbPath);
  old.pragma('journal_mode = WAL');
  old.exec(EVENTS_TEXT_ID_SCHEMA + FILE_CURSORS_SCHEMA + PROCESS_ROWS_SCHEMA);
  const insert = old.prepare(
    'INSERT INTO events (id, seq, type, node, time_key, exec_id, raw) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const { id, seq, event } of rows) {
    insert.run(id, seq, event.type, event.node, event.time ?? '', storedExecId(event), event.raw);
  }
  old.pragma('user_version = 3');
  old.close();
}

const at = (index: number): ParsedEvent => {
  const found = events[index];
  if (!found) throw new Error(`no event ${index}`);
  return found;
};

describe('opening a version 3 SQLite database', () => {
  it('keeps every event with its id, seq and line, and still drops replayed duplicates', () => {
    // Gaps in seq, as retention leaves them.
    const old = events.slice(0, 30).map((event, i) => ({ id: event.id, seq: i * 2 + 1, event }));
    writeVersion3(old);

    const store = new SqliteEventStore(dbPath);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(4);
      expect([...store.replay()]).toEqual(
        old.map(({ id, seq, event }) => ({ id, seq, raw: event.raw })),
      );
      expect(store.append(events.slice(0, 30))).toEqual([]);
      const fresh = events.slice(30, 32);
      expect(store.append([...fresh, at(3)])).toEqual(fresh);
      expect([...store.replay()].slice(-2).map((stored) => stored.seq)).toEqual([60, 61]);
      const execId = storedExecId(at(0));
      if (execId === null) throw new Error('fixture has no exec id');
      expect(store.eventsForProcess(execId)).toContain(at(0).raw);
    } finally {
      store.close();
    }
  });

  it('drops the text key and the seq index for a rowid and an integer hash index', () => {
    writeVersion3([{ id: at(0).id, seq: 1, event: at(0) }]);
    const store = new SqliteEventStore(dbPath);
    try {
      const columns = store.db
        .prepare('SELECT name FROM pragma_table_info(?)')
        .pluck()
        .all('events');
      expect(columns).toEqual(['seq', 'hash', 'type', 'node', 'time_key', 'exec_id', 'raw']);
      const indexes = store.db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'`)
        .pluck()
        .all();
      expect([...indexes].sort()).toEqual(['events_exec_id', 'events_hash', 'events_unattached']);
    } finally {
      store.close();
    }
  });

  it('re-hashes a row whose id is not a content hash from its line', () => {
    writeVersion3([{ id: 'not-a-hash', seq: 1, event: at(0) }]);
    const store = new SqliteEventStore(dbPath);
    try {
      expect([...store.replay()].map((stored) => stored.id)).toEqual([contentHash(at(0).raw)]);
      expect(store.append([at(0)])).toEqual([]);
    } finally {
      store.close();
    }
  });
});
