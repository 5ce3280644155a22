import type Database from 'better-sqlite3';
import { timeKey, type Process } from '@exectree/domain';
import type { ProcessQuery, ProcessSearchResult } from './process-store.ts';

type Params = Record<string, string | number>;

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
