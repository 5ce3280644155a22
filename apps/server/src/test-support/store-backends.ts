import { afterAll, afterEach, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLine } from '@exectree/domain';
import { startPostgres, type TestPostgres } from '../../test/helpers/postgres.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';
import type { EventStore } from '../store/event-store.ts';
import type { ProcessStore } from '../store/process-store.ts';
import { openSqliteStores } from '../store/sqlite-stores.ts';
import { openPgStores } from '../store/postgres/pg-stores.ts';

export interface OpenedStores {
  events: EventStore;
  processes: ProcessStore;
  close(): Promise<void> | void;
}

export interface StoreBackend {
  name: string;
  /** `key` names a database that outlives `close`, so it can be opened again; none: a new one. */
  open(key?: string): Promise<OpenedStores>;
}

/**
 * The SQLite and PostgreSQL stores, for tests that must get the same answers from both.
 * Registers the file's hooks: one PostgreSQL server for the file, and every store a test
 * opened and did not close is closed after it. Call it once, at the top level of a test file.
 */
export function storeBackends(): StoreBackend[] {
  let postgres: TestPostgres;
  let dir: string;
  const urls = new Map<string, string>();
  const opened: OpenedStores[] = [];
  let keys = 0;
  const freshKey = () => `fresh${(keys += 1)}`;

  beforeAll(async () => {
    postgres = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'exectree-stores-'));
  }, 60_000);

  afterAll(async () => {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const stores of [...opened]) await stores.close();
  });

  /** Closed after the test unless the test closed it first. */
  const tracked = (stores: OpenedStores): OpenedStores => {
    const handle: OpenedStores = {
      events: stores.events,
      processes: stores.processes,
      close() {
        opened.splice(opened.indexOf(handle), 1);
        return stores.close();
      },
    };
    opened.push(handle);
    return handle;
  };

  const sqlite: StoreBackend = {
    name: 'SQLite',
    async open(key = freshKey()) {
      return tracked(openSqliteStores(join(dir, `${key}.db`), parseLine));
    },
  };

  const postgresql: StoreBackend = {
    name: 'PostgreSQL',
    async open(key = freshKey()) {
      let url = urls.get(key);
      if (url === undefined) {
        url = await postgres.createDatabase();
        urls.set(key, url);
      }
      const stores = await openPgStores(
        url,
        () => {},
        () => {},
      );
      await stores.leader.start();
      await waitFor('leadership', () => stores.leader.isLeader());
      return tracked(stores);
    },
  };

  return [sqlite, postgresql];
}
