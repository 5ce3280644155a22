import { timeKey, type ParsedEvent } from '@exectree/domain';
import type { Pool, PoolClient } from 'pg';
import type { EventStore, FileCursor, StoredEvent } from '../event-store.ts';
import { storedExecId } from '../stored-exec-id.ts';
import { mergeBatchOf } from './merge-rows.ts';
import { readCursor, saveCursor } from './pg-file-cursors.ts';
import { applyMerge } from './pg-merge.ts';
import { Partitions, eventDay } from './pg-partitions.ts';
import { fromPgText, toPgText, toPgTextOrNull } from './pg-text.ts';
import { inTransaction, sqlState } from './pg-transaction.ts';

/** "no partition of relation found for row" */
const NO_PARTITION = '23514';

const REPLAY_PAGE = 2_000;
const DEFAULT_EVENTS_LIMIT = 10_000;

const EVENT_COLUMNS = 7;

/**
 * seq follows the batch's order (the replay order); rows are inserted in id order (locks).
 * One parameter per value: PostgreSQL parses a text[] of JSON lines slowly (every quote is
 * escaped), plain parameters are taken as they are.
 */
function insertEvents(rows: number): string {
  const values = Array.from({ length: rows }, (_, row) => {
    const at = row * EVENT_COLUMNS;
    return `($${at + 1}, $${at + 2}::date, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7})`;
  });
  return `
WITH batch AS (
  SELECT v.*, nextval('events_seq') AS seq
  FROM (VALUES ${values.join(', ')}) AS v(id, day, type, node, time_key, exec_id, raw)
)
INSERT INTO events (id, day, seq, type, node, time_key, exec_id, raw)
SELECT id, day, seq, type, node, time_key, exec_id, raw FROM batch
ORDER BY id
ON CONFLICT (id, day) DO NOTHING
RETURNING id`;
}

/** Statements are cached per batch size; batches above this are split. */
const MAX_INSERT_ROWS = 1_000;

/** Both places an event can be: its day's partition, or kept_events once that was dropped. */
const ALL_EVENTS = `(SELECT id, seq, time_key, exec_id, raw FROM events
  UNION ALL SELECT id, seq, time_key, exec_id, raw FROM kept_events) AS e`;

/** Told after each commit, with how many rows of the merged tree it changed. */
export type CommitListener = (changedRows: number) => void;

/**
 * Events in PostgreSQL. `append` stores the new events and merges them into the tree tables
 * in the same transaction: what a replica acknowledged is in the merged tree even if it is
 * killed right after, and no replica ever replays events to build the tree.
 */
export class PgEventStore implements EventStore {
  private readonly partitions: Partitions;
  private readonly listeners: CommitListener[] = [];

  constructor(
    private readonly pool: Pool,
    private readonly now: () => number = Date.now,
  ) {
    this.partitions = new Partitions(pool);
  }

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** For retention, which drops partitions. */
  get partitionCache(): Partitions {
    return this.partitions;
  }

  append(events: readonly ParsedEvent[]): Promise<ParsedEvent[]> {
    return this.write(events, undefined);
  }

  appendWithCursor(events: readonly ParsedEvent[], cursor: FileCursor): Promise<ParsedEvent[]> {
    return this.write(events, cursor);
  }

  readCursor(path: string): Promise<FileCursor | undefined> {
    return readCursor(this.pool, path);
  }

  async *replay(): AsyncIterable<StoredEvent> {
    let after = 0;
    for (;;) {
      const result = await this.pool.query<{ id: string; seq: string; raw: string }>(
        `SELECT id, seq, raw FROM ${ALL_EVENTS} WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, REPLAY_PAGE],
      );
      for (const row of result.rows) {
        yield { id: fromPgText(row.id), seq: Number(row.seq), raw: fromPgText(row.raw) };
      }
      const last = result.rows.at(-1);
      if (last === undefined || result.rows.length < REPLAY_PAGE) return;
      after = Number(last.seq);
    }
  }

  async eventsForProcess(execId: string, limit = DEFAULT_EVENTS_LIMIT): Promise<string[]> {
    const result = await this.pool.query<{ raw: string }>(
      `SELECT raw FROM ${ALL_EVENTS} WHERE exec_id = $1 ORDER BY time_key, seq LIMIT $2`,
      [toPgText(execId), limit],
    );
    return result.rows.map((row) => fromPgText(row.raw));
  }

  async count(): Promise<number> {
    const result = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${ALL_EVENTS}`);
    return Number(result.rows[0]?.n ?? 0);
  }

  close(): void {
    // The pool belongs to PgStores, which ends it.
  }

  private async write(
    events: readonly ParsedEvent[],
    cursor: FileCursor | undefined,
  ): Promise<ParsedEvent[]> {
    const unique = [...new Map(events.map((event) => [event.id, event])).values()];
    const nowMs = this.now();
    const days = unique.map((event) => eventDay(timeKey(event.time), nowMs));
    const attempt = async () => {
      await this.partitions.ensure(days);
      return inTransaction(this.pool, async (client) => {
        const fresh = unique.length === 0 ? [] : await this.insert(client, unique, days);
        const changed = fresh.length === 0 ? 0 : await applyMerge(client, mergeBatchOf(fresh));
        if (cursor) await saveCursor(client, cursor);
        return { inserted: fresh, changed };
      });
    };
    let result;
    try {
      result = await attempt();
    } catch (error) {
      // Retention on another replica dropped a partition this one thought it had.
      if (sqlState(error) !== NO_PARTITION) throw error;
      for (const day of days) this.partitions.forget(day);
      result = await attempt();
    }
    for (const listener of this.listeners) listener(result.changed);
    return result.inserted;
  }

  private async insert(
    client: PoolClient,
    events: readonly ParsedEvent[],
    days: readonly string[],
  ): Promise<ParsedEvent[]> {
    const fresh = new Set<string>();
    for (let start = 0; start < events.length; start += MAX_INSERT_ROWS) {
      const slice = events.slice(start, start + MAX_INSERT_ROWS);
      const params = slice.flatMap((event, index) => [
        toPgText(event.id),
        days[start + index],
        toPgText(event.type),
        toPgText(event.node),
        timeKey(event.time),
        toPgTextOrNull(storedExecId(event)),
        toPgText(event.raw),
      ]);
      const result = await client.query<{ id: string }>(insertEvents(slice.length), params);
      for (const row of result.rows) fresh.add(fromPgText(row.id));
    }
    return events.filter((event) => fresh.has(event.id));
  }
}
