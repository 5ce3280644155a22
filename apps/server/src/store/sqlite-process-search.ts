import type Database from 'better-sqlite3';
import { timeKey, type Process } from '@exectree/domain';
import type { ProcessQuery, ProcessSearchResult } from './process-store.ts';

type Params = Record<string, string | number>;

/**
 * When the process stopped running, as a time key, or NULL when it is open-ended: running,
 * or the end is unknown (an unknown start counts as long ago, so such a process stays in).
 * An image replaced by exec-without-fork ends when its replacement starts. The web app's
 * `aliveIn` applies the same rule to the open pod.
 */
const END_KEY = `CASE
  WHEN state = 'running' THEN NULL
  WHEN exit_key <> '' THEN exit_key
  WHEN state = 'replaced' THEN COALESCE(
    (SELECT NULLIF(r.start_key, '') FROM processes AS r
      WHERE r.exec_id = json_extract(processes.json, '$.replacedBy')),
    NULLIF(start_key, ''))
  ELSE NULLIF(start_key, '')
END`;

/** `LIKE` pattern for a literal substring: `\` escapes the wildcards `%` and `_` and itself. */
export function likeSubstring(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereOf(query: ProcessQuery): { where: string; params: Params } {
  const clauses: string[] = [];
  const params: Params = {};
  if (query.text !== undefined) {
    // LIKE folds ASCII case only; other letters must match exactly.
    clauses.push(
      `(binary LIKE @text ESCAPE '\\' OR arguments LIKE @text ESCAPE '\\' OR cwd LIKE @text ESCAPE '\\')`,
    );
    params.text = likeSubstring(query.text);
  }
  if (query.namespace !== undefined) {
    clauses.push('namespace = @namespace');
    params.namespace = query.namespace;
  }
  if (query.pod !== undefined) {
    clauses.push('pod = @pod');
    params.pod = query.pod;
  }
  if (query.binary !== undefined) {
    clauses.push(query.binary.includes('/') ? 'binary = @binary' : 'binary_name = @binary');
    params.binary = query.binary;
  }
  if (query.state !== undefined) {
    clauses.push('state = @state');
    params.state = query.state;
  }
  // Unknown start times have the key "", which no bound admits.
  if (query.since !== undefined) {
    clauses.push(`start_key >= @since AND start_key <> ''`);
    params.since = timeKey(query.since);
  }
  if (query.until !== undefined) {
    clauses.push(`start_key <= @until AND start_key <> ''`);
    params.until = timeKey(query.until);
  }
  if (query.flagged !== undefined) {
    clauses.push(`json_array_length(json, '$.findings') ${query.flagged ? '>' : '='} 0`);
  }
  if (query.aliveTo !== undefined) {
    clauses.push(`(start_key = '' OR start_key <= @aliveTo)`);
    params.aliveTo = timeKey(query.aliveTo);
  }
  if (query.aliveFrom !== undefined) {
    // A NULL comparison is an open end, which reaches every range.
    clauses.push(`IFNULL(${END_KEY} >= @aliveFrom, 1)`);
    params.aliveFrom = timeKey(query.aliveFrom);
  }
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

const parse = (row: { json: string }) => JSON.parse(row.json) as Process;

/** Searches the `processes` rows, so it sees everything stored, not only the tree in memory. */
export class SqliteProcessSearch {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly ancestorsOf: Database.Statement<[string], { json: string }>;

  constructor(private readonly db: Database.Database) {
    // UNION (not UNION ALL) drops ids already visited, so a parent loop ends the walk.
    this.ancestorsOf = db.prepare(
      `WITH RECURSIVE up (exec_id) AS (
         SELECT p.parent_exec_id FROM json_each(?) AS m
           JOIN processes AS p ON p.exec_id = m.value
         UNION
         SELECT p.parent_exec_id FROM up JOIN processes AS p ON p.exec_id = up.exec_id
       )
       SELECT p.json FROM up JOIN processes AS p ON p.exec_id = up.exec_id
       ORDER BY p.start_key, p.exec_id`,
    );
  }

  search(query: ProcessQuery): ProcessSearchResult {
    const { where, params } = whereOf(query);
    const rows = this.statement(
      `SELECT json FROM processes ${where} ORDER BY start_key, exec_id LIMIT @limit`,
    ).all({ ...params, limit: query.limit }) as { json: string }[];
    const processes = rows.map(parse);
    const total =
      processes.length < query.limit
        ? processes.length
        : (
            this.statement(`SELECT COUNT(*) AS n FROM processes ${where}`).get(params) as {
              n: number;
            }
          ).n;
    const matched = new Set(processes.map((process) => process.execId));
    const ancestors =
      processes.length === 0
        ? []
        : this.ancestorsOf
            .all(JSON.stringify([...matched]))
            .map(parse)
            .filter((process) => !matched.has(process.execId));
    return { processes, ancestors, total, truncated: total > processes.length };
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
