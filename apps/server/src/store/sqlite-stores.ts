import type { ParseResult } from '@exectree/domain';
import { SqliteEventStore } from './sqlite-event-store.ts';
import { backfillExitOnlyIds } from './sqlite-exit-only-ids.ts';
import { SqliteProcessStore } from './sqlite-process-store.ts';
import { SqliteRetentionStore } from './sqlite-retention-store.ts';

/** Every store of one SQLite database, on one connection so they can share transactions. */
export interface SqliteStores {
  events: SqliteEventStore;
  processes: SqliteProcessStore;
  retention: SqliteRetentionStore;
  close(): void;
}

export function openSqliteStores(path: string, parse: (line: string) => ParseResult): SqliteStores {
  const events = new SqliteEventStore(path);
  try {
    backfillExitOnlyIds(events.db, parse);
    return {
      events,
      processes: new SqliteProcessStore(events.db),
      retention: new SqliteRetentionStore(events.db),
      close: () => events.close(),
    };
  } catch (error) {
    events.close();
    throw error;
  }
}
