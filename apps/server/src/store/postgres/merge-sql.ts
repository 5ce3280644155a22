import { timeKey } from '@exectree/domain';
import { FIELDS, type Field, type MergeRow } from './merge-rows.ts';
import { toPgText, toPgTextOrNull } from './pg-text.ts';

type SqlType = 'text' | 'bigint' | 'boolean';

/** Column and type of each merged field; a field's rank lives in `<column>_r`. */
export const FIELD_COLUMNS: Record<Field, { column: string; type: SqlType }> = {
  parentExecId: { column: 'parent_exec_id', type: 'text' },
  pid: { column: 'pid', type: 'bigint' },
  uid: { column: 'uid', type: 'bigint' },
  auid: { column: 'auid', type: 'bigint' },
  cwd: { column: 'cwd', type: 'text' },
  binary: { column: 'bin', type: 'text' },
  arguments: { column: 'arguments', type: 'text' },
  flags: { column: 'flags', type: 'text' },
  startTime: { column: 'start_time', type: 'text' },
  pod: { column: 'pod', type: 'text' },
  docker: { column: 'docker', type: 'text' },
  inInitTree: { column: 'in_init_tree', type: 'boolean' },
  node: { column: 'node', type: 'text' },
};

interface Column {
  name: string;
  type: string;
  value: (row: MergeRow) => string | number | boolean | null;
}

const ranked = (row: MergeRow, field: Field) => row.fields[field];

function valueColumn(field: Field): Column {
  const { column, type } = FIELD_COLUMNS[field];
  return {
    name: column,
    type,
    value: (row) => {
      const value = ranked(row, field)?.value;
      return typeof value === 'string' ? toPgText(value) : (value ?? null);
    },
  };
}

/** Every column the upsert writes, in order; each becomes one array parameter. */
const COLUMNS: Column[] = [
  { name: 'exec_id', type: 'text', value: (row) => toPgText(row.execId) },
  { name: 'best_rank', type: 'smallint', value: (row) => row.bestRank },
  { name: 'pending_key', type: 'text', value: (row) => toPgTextOrNull(row.pendingKey) },
  ...FIELDS.flatMap((field): Column[] => [
    valueColumn(field),
    {
      name: `${FIELD_COLUMNS[field].column}_r`,
      type: 'smallint',
      value: (row) => ranked(row, field)?.rank ?? 0,
    },
  ]),
  {
    name: 'start_key',
    type: 'text',
    value: (row) => {
      const start = ranked(row, 'startTime')?.value;
      return typeof start === 'string' ? timeKey(start) : null;
    },
  },
  { name: 'exit_time', type: 'text', value: (row) => toPgTextOrNull(row.exit?.time) },
  {
    name: 'exit_key',
    type: 'text',
    value: (row) => (row.exit ? timeKey(row.exit.time) : null),
  },
  { name: 'exit_status', type: 'integer', value: (row) => row.exit?.status ?? null },
  {
    name: 'exit_signal',
    type: 'text',
    value: (row) => toPgTextOrNull(row.exit ? row.exit.signal : null),
  },
  { name: 'event_count', type: 'bigint', value: (row) => row.eventCount },
];

/** A field of the incoming row wins: higher rank, or the same rank and a larger value. */
function wins(column: string): string {
  return `(excluded.${column}_r > m.${column}_r OR (excluded.${column}_r = m.${column}_r AND excluded.${column} > m.${column}))`;
}

const EXIT_WINS = `(excluded.exit_key IS NOT NULL AND (m.exit_key IS NULL OR
  (excluded.exit_key, excluded.exit_status, COALESCE(excluded.exit_signal, ''))
    > (m.exit_key, m.exit_status, COALESCE(m.exit_signal, ''))))`;

function fieldAssignments(field: Field): string[] {
  const { column } = FIELD_COLUMNS[field];
  const assignments = [
    `${column} = CASE WHEN ${wins(column)} THEN excluded.${column} ELSE m.${column} END`,
    `${column}_r = GREATEST(m.${column}_r, excluded.${column}_r)`,
  ];
  if (field === 'startTime') {
    assignments.push(
      `start_key = CASE WHEN ${wins(column)} THEN excluded.start_key ELSE m.start_key END`,
    );
  }
  return assignments;
}

const EXIT_COLUMNS = ['exit_time', 'exit_key', 'exit_status', 'exit_signal'];

/**
 * The merge of ADR 0001 as one statement: per field the maximum by (rank, value), exits by
 * (time, status, signal), counts added. Rows that would not change are not written, and
 * only written rows come back.
 */
export const UPSERT_PROCESSES = `
INSERT INTO merged_processes AS m (${COLUMNS.map((c) => c.name).join(', ')})
SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})
  AS u(${COLUMNS.map((c) => c.name).join(', ')})
ORDER BY exec_id
ON CONFLICT (exec_id) DO UPDATE SET
  best_rank = GREATEST(m.best_rank, excluded.best_rank),
  pending_key = COALESCE(m.pending_key, excluded.pending_key),
  ${FIELDS.flatMap(fieldAssignments).join(',\n  ')},
  ${EXIT_COLUMNS.map((c) => `${c} = CASE WHEN ${EXIT_WINS} THEN excluded.${c} ELSE m.${c} END`).join(',\n  ')},
  event_count = m.event_count + excluded.event_count,
  change_xid = pg_current_xact_id()
WHERE excluded.best_rank > m.best_rank
  OR ${FIELDS.map((field) => wins(FIELD_COLUMNS[field].column)).join('\n  OR ')}
  OR ${EXIT_WINS}
  OR excluded.event_count > 0
RETURNING exec_id`;

/** One array per column; the statement sorts by exec id, the order its locks are taken in. */
export function upsertParameters(rows: readonly MergeRow[]): unknown[][] {
  return COLUMNS.map((column) => rows.map((row) => column.value(row)));
}

export const UPSERT_PENDING_EXITS = `
INSERT INTO pending_exits AS p (key, exit_time, exit_key, exit_status, exit_signal)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[])
ORDER BY 1
ON CONFLICT (key) DO UPDATE SET
  exit_time = excluded.exit_time, exit_key = excluded.exit_key,
  exit_status = excluded.exit_status, exit_signal = excluded.exit_signal,
  change_xid = pg_current_xact_id()
WHERE (excluded.exit_key, excluded.exit_status, COALESCE(excluded.exit_signal, ''))
  > (p.exit_key, p.exit_status, COALESCE(p.exit_signal, ''))`;

export const UPSERT_CONTAINER_PODS = `
INSERT INTO container_pods AS c (docker, pod)
SELECT * FROM unnest($1::text[], $2::text[])
ORDER BY 1
ON CONFLICT (docker) DO UPDATE SET pod = excluded.pod, change_xid = pg_current_xact_id()
WHERE excluded.pod > c.pod`;

export const INSERT_MARKERS = `
INSERT INTO loss_markers (id, node, time, time_key, kind, dropped, throttle_type, cgroup)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
  $7::text[], $8::text[])
ORDER BY 1
ON CONFLICT (id) DO NOTHING`;
