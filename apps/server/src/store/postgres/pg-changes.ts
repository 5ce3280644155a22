import type { LossMarker } from '@exectree/domain';
import type { PoolClient } from 'pg';
import type { MergedRowRecord } from './row-events.ts';
import { fromPgText } from './pg-text.ts';

const PAGE = 5_000;

/** A stand-in's row with the exit it stands for. */
export interface StandInRecord extends MergedRowRecord {
  pe_exit_time: string | null;
  pe_exit_status: number;
  pe_exit_signal: string | null;
}

export interface Changes {
  xmin: string;
  forgotten: { id: string; origin: string; exec_ids: string[]; marker_ids: string[] }[];
  containerPods: { docker: string; pod: string }[];
  rows: MergedRowRecord[];
  standIns: StandInRecord[];
  markers: LossMarker[];
}

const STAND_IN_EXIT = `pe.exit_time AS pe_exit_time, pe.exit_status AS pe_exit_status,
  pe.exit_signal AS pe_exit_signal`;

async function paged<T extends { exec_id: string }>(
  client: PoolClient,
  sql: (after: string) => string,
  params: unknown[],
): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    const result = await client.query<T>(
      sql(after === undefined ? '' : `AND m.exec_id > $${params.length + 1}`) +
        ` ORDER BY m.exec_id LIMIT ${PAGE}`,
      after === undefined ? params : [...params, after],
    );
    all.push(...result.rows);
    const last = result.rows.at(-1);
    if (last === undefined || result.rows.length < PAGE) return all;
    after = last.exec_id;
  }
}

/** Everything changed by transactions not visible at `from` (an xmin of an earlier scan). */
export async function readChanges(client: PoolClient, from: string): Promise<Changes> {
  const snapshot = await client.query<{ xmin: string }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
  );
  const forgotten = await client.query<Changes['forgotten'][number]>(
    'SELECT id::text, origin, exec_ids, marker_ids FROM forgotten WHERE change_xid >= $1::xid8 ORDER BY id',
    [from],
  );
  const containerPods = await client.query<{ docker: string; pod: string }>(
    'SELECT docker, pod FROM container_pods WHERE change_xid >= $1::xid8',
    [from],
  );
  const rows = await paged<MergedRowRecord>(
    client,
    (page) =>
      `SELECT m.* FROM merged_processes m WHERE m.change_xid >= $1::xid8 AND m.pending_key IS NULL ${page}`,
    [from],
  );
  const standIns = await paged<StandInRecord>(
    client,
    (page) =>
      `SELECT m.*, ${STAND_IN_EXIT} FROM merged_processes m JOIN pending_exits pe ON pe.key = m.pending_key
       WHERE (m.change_xid >= $1::xid8 OR pe.change_xid >= $1::xid8) ${page}`,
    [from],
  );
  const markers = await client.query<{
    id: string;
    node: string;
    time: string | null;
    kind: string;
    dropped: string | null;
    throttle_type: string | null;
    cgroup: string | null;
  }>(
    'SELECT id, node, time, kind, dropped, throttle_type, cgroup FROM loss_markers WHERE change_xid >= $1::xid8',
    [from],
  );
  return {
    xmin: snapshot.rows[0]?.xmin ?? from,
    forgotten: forgotten.rows,
    containerPods: containerPods.rows,
    rows,
    standIns,
    markers: markers.rows.map((row) => ({
      id: fromPgText(row.id),
      node: fromPgText(row.node),
      time: row.time === null ? null : fromPgText(row.time),
      kind: row.kind === 'rate_limit' ? 'rate_limit' : 'throttle',
      dropped: row.dropped === null ? null : Number(row.dropped),
      throttleType: row.throttle_type === null ? null : fromPgText(row.throttle_type),
      cgroup: row.cgroup === null ? null : fromPgText(row.cgroup),
    })),
  };
}
