import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-page-test-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a new SQLite database', () => {
  it('uses 16 KiB pages, with incremental auto-vacuum and WAL', () => {
    const store = new SqliteEventStore(join(dir, 'new.db'));
    try {
      expect(store.db.pragma('page_size', { simple: true })).toBe(16384);
      expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      store.close();
    }
  });
});
