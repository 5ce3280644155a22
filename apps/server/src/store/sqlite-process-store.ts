import type Database from 'better-sqlite3';
import { timeKey, type Process, type TreeChanges } from '@exectree/domain';
import type { ProcessQuery, ProcessSearchResult, ProcessStore } from './process-store.ts';
import { SqliteProcessSearch } from './sqlite-process-search.ts';

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

/** The `processes` table; its writes are prepared once and batched per drain. */
export class SqliteProcessStore implements ProcessStore {
  private readonly upsert: Database.Statement<ProcessRow>;
  private readonly remove: Database.Statement<[string]>;
  private readonly all: Database.Statement<[], { execId: string; json: string }>;
  private readonly countRows: Database.Statement<[], { n: number }>;
  private readonly searcher: SqliteProcessSearch;
  private readonly write: (removes: readonly string[], upserts: readonly ProcessRow[]) => void;

  constructor(db: Database.Database) {
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
    this.remove = db.prepare('DELETE FROM processes WHERE exec_id = ?');
    this.all = db.prepare('SELECT exec_id AS execId, json FROM processes');
    this.countRows = db.prepare('SELECT COUNT(*) AS n FROM processes');
    this.searcher = new SqliteProcessSearch(db);
    this.write = db.transaction((removes: readonly string[], upserts: readonly ProcessRow[]) => {
      for (const execId of removes) this.remove.run(execId);
      for (const row of upserts) this.upsert.run(row);
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
