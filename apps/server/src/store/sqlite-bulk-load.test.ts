import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store.ts';
import { openBulkLoad } from './sqlite-bulk-load.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-bulk-test-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const OFF = 0;
const NORMAL = 1;

describe('openBulkLoad', () => {
  it('skips syncing only for a database it creates, and leaves it a normal store', () => {
    const path = join(dir, 'new.db');
    const load = openBulkLoad(path);
    expect(load.fresh).toBe(true);
    expect(load.store.db.pragma('synchronous', { simple: true })).toBe(OFF);
    load.close();
    load.close();

    const again = openBulkLoad(path);
    expect(again.fresh).toBe(false);
    expect(again.store.db.pragma('synchronous', { simple: true })).toBe(NORMAL);
    again.close();
    const store = new SqliteEventStore(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
  });
});
