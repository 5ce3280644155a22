import { exitOnlyId, type ProcessState, type RetentionProcess } from '@exectree/domain';
import type pg from 'pg';
import type { PartitionedRetentionStore } from '../../retention/partition-trim.ts';
import type { DeletedProcesses } from '../retention-store.ts';
import type { Leadership } from './pg-leader.ts';
import { EXIT_ONLY_PREFIX } from './merge-rows.ts';
import { partitionDays, partitionName, type Partitions } from './pg-partitions.ts';
import { fromPgText, toPgText } from './pg-text.ts';

/** How long deletions stay in `forgotten` for replicas to read (they scan every second). */
const FORGOTTEN_KEEP = '1 hour';

/**
 * Retention in PostgreSQL, run by the leader only, on its lock connection. Whole ended
 * subtrees are deleted row by row (merged rows, process rows, their events in every
 * partition); partitions whose day is entirely before the age cutoff are then dropped whole,
 * after copying the few lines of processes that are kept (running ones and their ancestors)
 * to kept_events. Each deletion is recorded in `forgotten` for the other replicas' trees.
 * Retention by size drops the oldest partitions the same way (never today's): deleted rows
 * leave PostgreSQL's files as large as they were, dropped partitions free their space.
 */
export class PgRetentionStore implements PartitionedRetentionStore {
  constructor(
    private readonly leader: Leadership,
    private readonly partitions: Partitions,
    private readonly origin: string,
  ) {}

  async retentionProcesses(): Promise<RetentionProcess[]> {
    // The rows must hold the last drain, which the leader writes asynchronously.
    await this.leader.idle();
    const links = await this.leader.run((client) =>
      client.query<{
        exec_id: string;
        parent_exec_id: string | null;
        state: ProcessState;
        start_key: string;
        exit_key: string;
      }>('SELECT exec_id, parent_exec_id, state, start_key, exit_key FROM processes'),
    );
    return (links?.rows ?? []).map((row) => ({
      execId: fromPgText(row.exec_id),
      parentExecId: row.parent_exec_id === null ? null : fromPgText(row.parent_exec_id),
      state: row.state,
      startTime: row.start_key || null,
      exitTime: row.exit_key || null,
    }));
  }

  async deleteProcesses(execIds: readonly string[]): Promise<DeletedProcesses> {
    const none = { processes: 0, events: 0, exitOnlyIds: [] };
    if (execIds.length === 0) return none;
    const deleted = await this.leader.run(async (client) => {
      const ids = execIds.map(toPgText);
      const own = new Set(execIds);
      const exitOnlyIds = new Set<string>();
      const standIns = await client.query<{ node: string; pid: string | null; start_key: string }>(
        'SELECT node, pid, start_key FROM processes WHERE exec_id = ANY($1::text[])',
        [ids],
      );
      for (const row of standIns.rows) {
        const pid = row.pid === null ? null : Number(row.pid);
        const standIn = exitOnlyId(fromPgText(row.node), pid, row.start_key || null);
        if (standIn !== undefined && !own.has(standIn)) exitOnlyIds.add(standIn);
      }
      const all = [...execIds, ...exitOnlyIds];
      const allPg = all.map(toPgText);
      const pendingKeys = all
        .filter((id) => id.startsWith(EXIT_ONLY_PREFIX))
        .map((id) => toPgText(id.slice(EXIT_ONLY_PREFIX.length)));
      const events =
        (await client.query('DELETE FROM events WHERE exec_id = ANY($1::text[])', [allPg]))
          .rowCount ?? 0;
      const kept =
        (await client.query('DELETE FROM kept_events WHERE exec_id = ANY($1::text[])', [allPg]))
          .rowCount ?? 0;
      await client.query('DELETE FROM merged_processes WHERE exec_id = ANY($1::text[])', [allPg]);
      await client.query('DELETE FROM pending_exits WHERE key = ANY($1::text[])', [pendingKeys]);
      const processes =
        (await client.query('DELETE FROM processes WHERE exec_id = ANY($1::text[])', [ids]))
          .rowCount ?? 0;
      await this.recordForgotten(client, all, []);
      return { processes, events: events + kept, exitOnlyIds: [...exitOnlyIds] };
    });
    return deleted ?? none;
  }

  async deleteUnattachedEventsBefore(cutoffKey: string): Promise<string[]> {
    const dropped: string[] = [];
    const ids = await this.leader.run(async (client) => {
      const events = await client.query<{ id: string }>(
        'DELETE FROM events WHERE exec_id IS NULL AND time_key < $1 RETURNING id',
        [cutoffKey],
      );
      const markers = await client.query<{ id: string }>(
        'DELETE FROM loss_markers WHERE time_key < $1 RETURNING id',
        [cutoffKey],
      );
      const gone = [...new Set([...events.rows, ...markers.rows].map((row) => fromPgText(row.id)))];
      await this.recordForgotten(client, [], gone);
      dropped.push(...(await this.dropPartitionsBefore(client, cutoffKey.slice(0, 10))));
      await client.query(`DELETE FROM forgotten WHERE at < now() - interval '${FORGOTTEN_KEEP}'`);
      return gone;
    });
    for (const day of dropped) this.partitions.forget(day);
    return ids ?? [];
  }

  /**
   * The tables and indexes of exectree's schema (events and their partitions, merged and
   * process rows, kept lines), TOAST included: what --retention-size limits. Not the WAL,
   * not the catalog, nor other schemas of the database.
   */
  async usedBytes(): Promise<number> {
    const size = await this.leader.run((client) =>
      client.query<{ bytes: string }>(
        `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes FROM pg_class c
         WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm')`,
      ),
    );
    return Number(size?.rows[0]?.bytes ?? 0);
  }

  /** Retention by size drops whole partitions, oldest first (retention/partition-trim.ts). */
  async partitionDays(): Promise<string[]> {
    return (await this.leader.run((client) => partitionDays(client))) ?? [];
  }

  reclaim(): void {
    // PostgreSQL reuses the space of deleted rows after (auto)vacuum; dropped partitions free it at once.
  }

  /** Drops partitions of days before `cutoffDay`, keeping the lines of processes still stored. */
  private async dropPartitionsBefore(client: pg.Client, cutoffDay: string): Promise<string[]> {
    const days = (await partitionDays(client)).filter((day) => day < cutoffDay);
    for (const day of days) {
      const name = partitionName(day);
      await client.query(
        `INSERT INTO kept_events (id, seq, type, node, time_key, exec_id, raw)
         SELECT e.id, e.seq, e.type, e.node, e.time_key, e.exec_id, e.raw FROM ${name} e
         WHERE e.exec_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM merged_processes m WHERE m.exec_id = e.exec_id)
         ON CONFLICT (id) DO NOTHING`,
      );
      await client.query(`DROP TABLE ${name}`);
    }
    return days;
  }

  private async recordForgotten(
    client: pg.Client,
    execIds: readonly string[],
    markerIds: readonly string[],
  ): Promise<void> {
    if (execIds.length === 0 && markerIds.length === 0) return;
    await client.query(
      'INSERT INTO forgotten (origin, exec_ids, marker_ids) VALUES ($1, $2::text[], $3::text[])',
      [this.origin, execIds.map(toPgText), markerIds.map(toPgText)],
    );
  }
}
