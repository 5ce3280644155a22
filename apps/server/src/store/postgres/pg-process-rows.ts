import { timeKey, type Process } from '@exectree/domain';
import type pg from 'pg';
import { toPgText, toPgTextOrNull } from './pg-text.ts';

/** The columns of one `processes` row, in statement order. */
export function rowValues(process: Process, json = JSON.stringify(process)): unknown[] {
  const slash = process.binary.lastIndexOf('/');
  return [
    toPgText(process.execId),
    toPgTextOrNull(process.parentExecId),
    toPgText(process.group),
    toPgTextOrNull(process.pod?.namespace),
    toPgTextOrNull(process.pod?.name),
    toPgText(process.node),
    process.pid,
    toPgText(process.binary),
    toPgText(process.binary.slice(slash + 1)),
    toPgText(process.arguments),
    toPgText(process.cwd),
    process.state,
    timeKey(process.startTime),
    timeKey(process.exitTime),
    json,
  ];
}

const TYPES = [
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'bigint',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
];

const UPSERT_ROWS = `
INSERT INTO processes (exec_id, parent_exec_id, group_key, namespace, pod, node, pid, bin,
  bin_name, arguments, cwd, state, start_key, exit_key, json)
SELECT * FROM unnest(${TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})
ORDER BY 1
ON CONFLICT (exec_id) DO UPDATE SET parent_exec_id = excluded.parent_exec_id,
  group_key = excluded.group_key, namespace = excluded.namespace, pod = excluded.pod,
  node = excluded.node, pid = excluded.pid, bin = excluded.bin, bin_name = excluded.bin_name,
  arguments = excluded.arguments, cwd = excluded.cwd, state = excluded.state,
  start_key = excluded.start_key, exit_key = excluded.exit_key, json = excluded.json`;

/** Deletes, then upserts (a process that moved group is in both lists), in the caller's transaction. */
export async function writeRows(
  client: pg.Client,
  removes: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  if (removes.length > 0) {
    await client.query('DELETE FROM processes WHERE exec_id = ANY($1::text[])', [
      removes.map(toPgText),
    ]);
  }
  if (rows.length > 0) {
    await client.query(
      UPSERT_ROWS,
      TYPES.map((_, column) => rows.map((row) => row[column])),
    );
  }
}
