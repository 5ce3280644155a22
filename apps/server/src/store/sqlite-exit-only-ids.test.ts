import { afterEach, describe, expect, it } from 'vitest';
import { exitOnlyId, parseLine } from '@exectree/domain';
import { MEMORY_DB } from './sqlite-event-store.ts';
import { backfillExitOnlyIds } from './sqlite-exit-only-ids.ts';
import { openSqliteStores, type SqliteStores } from './sqlite-stores.ts';

let stores: SqliteStores | undefined;
afterEach(() => stores?.close());

const reducedExit = JSON.stringify({
  process_exit: { process: { pid: 42, start_time: '2026-01-01T00:00:01Z' }, status: 1 },
  node_name: 'node-a',
  time: '2026-01-01T00:00:02Z',
});

describe('exits without exec_id', () => {
  it('are stored under the id of their stand-in', () => {
    stores = openSqliteStores(MEMORY_DB, parseLine);
    const parsed = parseLine(reducedExit);
    if (parsed.kind !== 'event') throw new Error('fixture did not parse');
    stores.events.append([parsed.event]);
    const standIn = exitOnlyId('node-a', 42, '2026-01-01T00:00:01Z') ?? '';
    expect(stores.events.eventsForProcess(standIn)).toEqual([reducedExit]);
  });

  it('stored before that are filed under it once', () => {
    stores = openSqliteStores(MEMORY_DB, parseLine);
    const { db } = stores.events;
    db.prepare(
      `INSERT INTO events (hash, seq, type, node, time_key, exec_id, raw)
       VALUES (1, 1, 'process_exit', 'node-a', '', NULL, ?)`,
    ).run(reducedExit);
    db.prepare(`UPDATE store_meta SET value = 'pending' WHERE key = 'exit_only_ids'`).run();
    expect(backfillExitOnlyIds(db, parseLine)).toBe(1);
    expect(backfillExitOnlyIds(db, parseLine)).toBe(0);
    const standIn = exitOnlyId('node-a', 42, '2026-01-01T00:00:01Z') ?? '';
    expect(stores.events.eventsForProcess(standIn)).toEqual([reducedExit]);
  });
});
