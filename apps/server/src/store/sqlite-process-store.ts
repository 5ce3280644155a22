import type Database from 'better-sqlite3';
import { timeKey, type Process, type TreeChanges } from '@exectree/domain';
import type { ProcessQuery, ProcessSearchResult, ProcessStore } from './process-store.ts';
import { SqliteProcessSearch } from './sqlite-process-search.ts';
import { UNUSED_PROCESS_INDEXES } from './sqlite-process-schema.ts';

interface ProcessRow {
  execId: string;
  parentExecId: string | null;
  groupKey: string;
  namespace: string | null;
  pod: string | null;
  node: string;
  pid: number | null;
  binary: string;
  binaryName: string;
  arguments: string;
  cwd: string;
  state: string;
  startKey: string;
  exitKey: string;
  json: string;
}

function rowOf(process: Process, json = JSON.stringify(process)): ProcessRow {
  return {
    execId: process.execId,
    parentExecId: process.parentExecId,
    groupKey: process.group,
    namespace: process.pod?.namespace ?? null,
    pod: process.pod?.name ?? null,
    node: process.node,
    pid: process.pid,
    binary: process.binary,
    binaryName: process.binary.slice(process.binary.lastIndexOf('/') + 1),
    arguments: process.arguments,
    cwd: process.cwd,
    state: process.state,
    startKey: timeKey(process.startTime),
    exitKey: timeKey(process.exitTime),
    json,
  };
}

/**
 * Updates a row whose indexed columns (group, pod, binary, start) stay as they were, which is
 * what an exit or a new child does: SQLite rewrites the entries of every index whose columns
 * an UPDATE sets, so this one touches none. Matches no row when an indexed column changed.
 */
const UPDATE_UNINDEXED = `UPDATE processes SET parent_exec_id = @parentExecId, node = @node,
   pid = @pid, arguments = @arguments, cwd = @cwd, state = @state, exit_key = @exitKey, json = @json
 WHERE exec_id = @execId AND group_key = @groupKey AND namespace IS @namespace AND pod IS @pod
   AND binary = @binary AND start_key = @startKey`;

/** The `processes` table; its writes are prepared once and batched per drain. */
export class SqliteProcessStore implements ProcessStore {
  private readonly upsert: Database.Statement<ProcessRow>;
  private readonly updateUnindexed: Database.Statement<ProcessRow>;
  private readonly jsonOf: Database.Statement<[string], { json: string }>;
  private readonly idsAfter: Database.Statement<[string, number], string>;
  private readonly remove: Database.Statement<[string]>;
  private readonly all: Database.Statement<[], { execId: string; json: string }>;
  private readonly countRows: Database.Statement<[], { n: number }>;
  private readonly searcher: SqliteProcessSearch;
  private readonly write: (removes: readonly string[], upserts: readonly ProcessRow[]) => void;

  constructor(db: Database.Database) {
    db.exec(UNUSED_PROCESS_INDEXES);
    this.upsert = db.prepare(
      `INSERT INTO processes (exec_id, parent_exec_id, group_key, namespace, pod, node, pid,
         binary, binary_name, arguments, cwd, state, start_key, exit_key, json)
       VALUES (@execId, @parentExecId, @groupKey, @namespace, @pod, @node, @pid,
         @binary, @binaryName, @arguments, @cwd, @state, @startKey, @exitKey, @json)
       ON CONFLICT (exec_id) DO UPDATE SET parent_exec_id = excluded.parent_exec_id,
         group_key = excluded.group_key, namespace = excluded.namespace, pod = excluded.pod,
         node = excluded.node, pid = excluded.pid, binary = excluded.binary,
         binary_name = excluded.binary_name, arguments = excluded.arguments, cwd = excluded.cwd,
         state = excluded.state, start_key = excluded.start_key, exit_key = excluded.exit_key,
         json = excluded.json`,
    );
    this.updateUnindexed = db.prepare(UPDATE_UNINDEXED);
    this.jsonOf = db.prepare('SELECT json FROM processes WHERE exec_id = ?');
    this.idsAfter = db
      .prepare<[string, number], string>(
        'SELECT exec_id FROM processes WHERE exec_id > ? ORDER BY exec_id LIMIT ?',
      )
      .pluck();
    this.remove = db.prepare('DELETE FROM processes WHERE exec_id = ?');
    this.all = db.prepare('SELECT exec_id AS execId, json FROM processes');
    this.countRows = db.prepare('SELECT COUNT(*) AS n FROM processes');
    this.searcher = new SqliteProcessSearch(db);
    this.write = db.transaction((removes: readonly string[], upserts: readonly ProcessRow[]) => {
      for (const execId of removes) this.remove.run(execId);
      for (const row of upserts) {
        if (this.updateUnindexed.run(row).changes === 0) this.upsert.run(row);
      }
    });
  }

  applyChanges(changes: Pick<TreeChanges, 'upserts' | 'removes'>): void {
    if (changes.upserts.length === 0 && changes.removes.length === 0) return;
    // A process that moved group is removed from the old one and upserted in the same drain.
    this.write(
      changes.removes.map((remove) => remove.execId),
      changes.upserts.map((process) => rowOf(process)),
    );
  }

  /**
   * Like `applyChanges`, but writes only the rows that differ from what is stored (after a
   * crash, the rows may lag the events); returns how many rows it wrote or deleted.
   */
  reconcile(changes: Pick<TreeChanges, 'upserts' | 'removes'>): number {
    const stale = changes.removes
      .map((remove) => remove.execId)
      .filter((execId) => this.jsonOf.get(execId) !== undefined);
    const changed: ProcessRow[] = [];
    for (const process of changes.upserts) {
      const json = JSON.stringify(process);
      if (this.jsonOf.get(process.execId)?.json !== json) changed.push(rowOf(process, json));
    }
    if (stale.length + changed.length > 0) this.write(stale, changed);
    return stale.length + changed.length;
  }

  /** Exec ids of every row, in order, at most `limit` after `after` (a sweep of stale rows). */
  execIdsAfter(after: string, limit: number): string[] {
    return this.idsAfter.all(after, limit);
  }

  /** Deletes these rows in one transaction. */
  delete(execIds: readonly string[]): void {
    if (execIds.length > 0) this.write(execIds, []);
  }

  sync(processes: readonly Process[]): number {
    const missing = new Map(processes.map((process) => [process.execId, process]));
    const stale: string[] = [];
    const changed: ProcessRow[] = [];
    for (const row of this.all.iterate()) {
      const process = missing.get(row.execId);
      if (!process) {
        stale.push(row.execId);
        continue;
      }
      missing.delete(row.execId);
      const json = JSON.stringify(process);
      if (json !== row.json) changed.push(rowOf(process, json));
    }
    for (const process of missing.values()) changed.push(rowOf(process));
    if (stale.length + changed.length > 0) this.write(stale, changed);
    return stale.length + changed.length;
  }

  count(): number {
    return this.countRows.get()?.n ?? 0;
  }

  search(query: ProcessQuery): ProcessSearchResult {
    return this.searcher.search(query);
  }
}
