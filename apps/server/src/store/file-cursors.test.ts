import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseLine, type ParsedEvent } from '@exectree/domain';
import { generateLines } from '@exectree/simulator';
import type { FileCursor } from './event-store.ts';
import { SqliteEventStore } from './sqlite-event-store.ts';

let dir: string;
let dbPath: string;
let store: SqliteEventStore | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-cursor-test-'));
  dbPath = join(dir, 'events.db');
});

afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const events: ParsedEvent[] = generateLines({ seed: 3, count: 6 }).map((line) => {
  const result = parseLine(line);
  if (result.kind !== 'event') throw new Error('simulated line rejected');
  return result.event;
});

function event(index: number): ParsedEvent {
  const found = events[index];
  if (!found) throw new Error(`no event ${index}`);
  return found;
}

const cursor = (offset: number, line: number): FileCursor => ({
  path: '/var/log/tetragon/tetragon.log',
  fileId: '2049:1234',
  fingerprint: `${Math.min(offset, 4096)}:abc`,
  offset,
  line,
});

/** Another connection, as a crash-test harness: makes every insert of `id` fail. */
function failInsertsOf(id: string): () => void {
  const db = new Database(dbPath);
  const hash = BigInt.asIntN(64, BigInt(`0x${id}`));
  db.exec(`CREATE TRIGGER fail_insert BEFORE INSERT ON events WHEN NEW.hash = ${hash}
           BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
  return () => {
    db.exec('DROP TRIGGER fail_insert');
    db.close();
  };
}

describe('file cursors in the SQLite store', () => {
  it('saves a cursor with its batch, and alone when a batch has no events', () => {
    store = new SqliteEventStore(dbPath);
    expect(store.readCursor(cursor(0, 0).path)).toBeUndefined();
    expect(store.appendWithCursor([event(0), event(1)], cursor(100, 2))).toHaveLength(2);
    expect(store.readCursor(cursor(0, 0).path)).toEqual(cursor(100, 2));
    store.appendWithCursor([], cursor(120, 3));
    store.close();

    store = new SqliteEventStore(dbPath);
    expect(store.readCursor(cursor(0, 0).path)).toEqual(cursor(120, 3));
    expect(store.count()).toBe(2);
  });

  it('moves neither the cursor nor the events when an insert fails mid-batch', () => {
    store = new SqliteEventStore(dbPath);
    store.appendWithCursor([event(0)], cursor(100, 1));
    const heal = failInsertsOf(event(2).id);

    expect(() => store?.appendWithCursor([event(1), event(2), event(3)], cursor(400, 4))).toThrow(
      /injected failure/,
    );
    expect(store.readCursor(cursor(0, 0).path)).toEqual(cursor(100, 1));
    expect(store.count()).toBe(1);

    heal();
    expect(store.appendWithCursor([event(1), event(2), event(3)], cursor(400, 4))).toHaveLength(3);
    expect(store.readCursor(cursor(0, 0).path)).toEqual(cursor(400, 4));
    expect([...store.replay()].map((stored) => stored.seq)).toEqual([1, 2, 3, 4]);
  });

  it('adds the cursor table to a version 1 database and refuses a newer one', () => {
    const old = new Database(dbPath);
    old.exec(`CREATE TABLE events (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, type TEXT NOT NULL,
      node TEXT NOT NULL, time_key TEXT NOT NULL, exec_id TEXT, raw TEXT NOT NULL)`);
    old.prepare('INSERT INTO events VALUES (?, 1, ?, ?, ?, NULL, ?)').run('x', 't', 'n', '', '{}');
    old.pragma('user_version = 1');
    old.close();

    store = new SqliteEventStore(dbPath);
    expect(store.count()).toBe(1);
    store.appendWithCursor([event(0)], cursor(10, 1));
    expect(store.readCursor(cursor(0, 0).path)).toEqual(cursor(10, 1));
    store.close();
    store = undefined;

    const future = new Database(dbPath);
    future.pragma('user_version = 99');
    future.close();
    expect(() => new SqliteEventStore(dbPath)).toThrow(/schema version 99 is not supported/);
  });
});
