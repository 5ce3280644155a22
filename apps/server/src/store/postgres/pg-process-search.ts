import { timeKey, type Process } from '@exectree/domain';
import type { Pool } from 'pg';
import type { ProcessQuery, ProcessSearchResult } from '../process-store.ts';
import { toPgText } from './pg-text.ts';

/** `LIKE` pattern for a literal substring: `\` escapes the wildcards `%` and `_` and itself. */
export function likeSubstring(text: string): string {
  return `%${toPgText(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * When the process stopped running, as a time key, or NULL when it is open-ended; the same
 * rule as SQLite's (sqlite-process-search.ts) and the web app's `aliveIn`.
 */
const END_KEY = `CASE
  WHEN state = 'running' THEN NULL
  WHEN exit_key <> '' THEN exit_key
  WHEN state = 'replaced' THEN COALESCE(
    (SELECT NULLIF(r.start_key, '') FROM processes AS r
      WHERE r.exec_id = processes.json::json ->> 'replacedBy'),
    NULLIF(start_key, ''))
  ELSE NULLIF(start_key, '')
END`;

function whereOf(query: ProcessQuery): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.text !== undefined) {
    // With the "C" collation ILIKE folds ASCII letters only, as SQLite's LIKE does.
    const text = param(likeSubstring(query.text));
    clauses.push(
      `(bin ILIKE ${text} ESCAPE '\\' OR arguments ILIKE ${text} ESCAPE '\\' OR cwd ILIKE ${text} ESCAPE '\\')`,
    );
  }
  if (query.namespace !== undefined)
    clauses.push(`namespace = ${param(toPgText(query.namespace))}`);
  if (query.pod !== undefined) clauses.push(`pod = ${param(toPgText(query.pod))}`);
  if (query.binary !== undefined) {
    const column = query.binary.includes('/') ? 'bin' : 'bin_name';
    clauses.push(`${column} = ${param(toPgText(query.binary))}`);
  }
  if (query.state !== undefined) clauses.push(`state = ${param(query.state)}`);
  // Unknown start times have the key "", which no bound admits.
  if (query.since !== undefined) {
    clauses.push(`start_key >= ${param(timeKey(query.since))} AND start_key <> ''`);
  }
  if (query.until !== undefined) {
    clauses.push(`start_key <= ${param(timeKey(query.until))} AND start_key <> ''`);
  }
  if (query.flagged !== undefined) {
    clauses.push(`json_array_length(json::json -> 'findings') ${query.flagged ? '>' : '='} 0`);
  }
  if (query.aliveTo !== undefined) {
    clauses.push(`(start_key = '' OR start_key <= ${param(timeKey(query.aliveTo))})`);
  }
  if (query.aliveFrom !== undefined) {
    // A NULL comparison is an open end, which reaches every range.
    clauses.push(`COALESCE(${END_KEY} >= ${param(timeKey(query.aliveFrom))}, true)`);
  }
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

const parse = (row: { json: string }) => JSON.parse(row.json) as Process;

/** UNION (not UNION ALL) drops ids already visited, so a parent loop ends the walk. */
const ANCESTORS = `
WITH RECURSIVE up (exec_id) AS (
  SELECT p.parent_exec_id FROM processes AS p WHERE p.exec_id = ANY($1::text[])
  UNION
  SELECT p.parent_exec_id FROM up JOIN processes AS p ON p.exec_id = up.exec_id
)
SELECT p.json FROM up JOIN processes AS p ON p.exec_id = up.exec_id
ORDER BY p.start_key, p.exec_id`;

/** Search over the `processes` rows, the same query as SqliteProcessSearch. */
export async function searchProcesses(
  pool: Pool,
  query: ProcessQuery,
): Promise<ProcessSearchResult> {
  const { where, params } = whereOf(query);
  const rows = await pool.query<{ json: string }>(
    `SELECT json FROM processes ${where} ORDER BY start_key, exec_id LIMIT $${params.length + 1}`,
    [...params, query.limit],
  );
  const processes = rows.rows.map(parse);
  let total = processes.length;
  if (processes.length >= query.limit) {
    const counted = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM processes ${where}`,
      params,
    );
    total = Number(counted.rows[0]?.n ?? 0);
  }
  const matched = new Set(processes.map((process) => process.execId));
  const ancestors =
    processes.length === 0
      ? []
      : (await pool.query<{ json: string }>(ANCESTORS, [[...matched].map(toPgText)])).rows
          .map(parse)
          .filter((process) => !matched.has(process.execId));
  return { processes, ancestors, total, truncated: total > processes.length };
}
