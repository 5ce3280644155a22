import { timeKey } from '@exectree/domain';
import type { PoolClient } from 'pg';
import type { MergeBatch, MergeRow } from './merge-rows.ts';
import {
  INSERT_MARKERS,
  UPSERT_CONTAINER_PODS,
  UPSERT_PENDING_EXITS,
  UPSERT_PROCESSES,
  upsertParameters,
} from './merge-sql.ts';
import { toPgText, toPgTextOrNull } from './pg-text.ts';
import { wouldChange } from './merge-filter.ts';
import type { MergedRowRecord } from './row-events.ts';

/** The rows of the batch whose merge would change what is stored (read without locking). */
async function rowsThatChange(client: PoolClient, rows: readonly MergeRow[]): Promise<MergeRow[]> {
  if (rows.length === 0) return [];
  const stored = await client.query<MergedRowRecord>(
    'SELECT * FROM merged_processes WHERE exec_id = ANY($1::text[])',
    [rows.map((row) => toPgText(row.execId))],
  );
  const byId = new Map(stored.rows.map((record) => [record.exec_id, record]));
  return rows.filter((row) => wouldChange(row, byId.get(toPgText(row.execId))));
}

/**
 * Writes one batch's merge inside the caller's transaction; returns how many rows changed.
 * Tables are always written in this order, and rows in key order, so two replicas merging
 * overlapping batches wait for each other instead of deadlocking (mostly; see inTransaction).
 */
export async function applyMerge(client: PoolClient, batch: MergeBatch): Promise<number> {
  let changed = 0;
  if (batch.pendingExits.size > 0) {
    const keys = [...batch.pendingExits.keys()];
    const exits = [...batch.pendingExits.values()];
    const result = await client.query(UPSERT_PENDING_EXITS, [
      keys.map(toPgText),
      exits.map((exit) => toPgTextOrNull(exit.time)),
      exits.map((exit) => timeKey(exit.time)),
      exits.map((exit) => exit.status),
      exits.map((exit) => toPgTextOrNull(exit.signal)),
    ]);
    changed += result.rowCount ?? 0;
  }
  if (batch.containerPods.size > 0) {
    const result = await client.query(UPSERT_CONTAINER_PODS, [
      [...batch.containerPods.keys()].map(toPgText),
      [...batch.containerPods.values()].map(toPgText),
    ]);
    changed += result.rowCount ?? 0;
  }
  const rows = await rowsThatChange(client, [...batch.processes.values()]);
  if (rows.length > 0) {
    const result = await client.query(UPSERT_PROCESSES, upsertParameters(rows));
    changed += result.rowCount ?? 0;
  }
  const markers = [...new Map(batch.markers.map((marker) => [marker.id, marker])).values()];
  if (markers.length > 0) {
    const result = await client.query(INSERT_MARKERS, [
      markers.map((m) => toPgText(m.id)),
      markers.map((m) => toPgText(m.node)),
      markers.map((m) => toPgTextOrNull(m.time)),
      markers.map((m) => timeKey(m.time)),
      markers.map((m) => m.kind),
      markers.map((m) => m.dropped),
      markers.map((m) => toPgTextOrNull(m.throttleType)),
      markers.map((m) => toPgTextOrNull(m.cgroup)),
    ]);
    changed += result.rowCount ?? 0;
  }
  return changed;
}
