import type Database from 'better-sqlite3';
import { exitOnlyId, type ProcessState, type RetentionProcess } from '@exectree/domain';
import type { DeletedProcesses, RetentionStore } from './retention-store.ts';
import { ID_OF_HASH } from './sqlite-events-schema.ts';

interface LinkRow {
  execId: string;
  parentExecId: string | null;
  state: ProcessState;
  startKey: string;
  exitKey: string;
}

/**
 * Deletes from `events` and `processes` together. Lists of ids travel as one JSON array
 * parameter (json_each), so no statement depends on how many there are.
 */
export class SqliteRetentionStore implements RetentionStore {
  private readonly links: Database.Statement<[], LinkRow>;
  private readonly standIns: Database.Statement<
    [string],
    { node: string; pid: number | null; startKey: string }
  >;
  private readonly deleteEvents: Database.Statement<[string]>;
  private readonly deleteRows: Database.Statement<[string]>;
  private readonly deleteUnattached: Database.Statement<[string], { id: string }>;
  private readonly remove: (execIds: readonly string[]) => DeletedProcesses;

  constructor(private readonly db: Database.Database) {
    this.links = db.prepare(
      `SELECT exec_id AS execId, parent_exec_id AS parentExecId, state,
         start_key AS startKey, exit_key AS exitKey FROM processes`,
    );
    this.standIns = db.prepare(
      `SELECT node, pid, start_key AS startKey FROM processes
       WHERE exec_id IN (SELECT value FROM json_each(?))`,
    );
    this.deleteEvents = db.prepare(
      'DELETE FROM events WHERE exec_id IN (SELECT value FROM json_each(?))',
    );
    this.deleteRows = db.prepare(
      'DELETE FROM processes WHERE exec_id IN (SELECT value FROM json_each(?))',
    );
    this.deleteUnattached = db.prepare(
      `DELETE FROM events WHERE exec_id IS NULL AND time_key < ? RETURNING ${ID_OF_HASH} AS id`,
    );
    this.remove = db.transaction((execIds: readonly string[]) => {
      const ids = JSON.stringify(execIds);
      const own = new Set(execIds);
      const exitOnlyIds = new Set<string>();
      for (const row of this.standIns.all(ids)) {
        const standIn = exitOnlyId(row.node, row.pid, row.startKey || null);
        if (standIn !== undefined && !own.has(standIn)) exitOnlyIds.add(standIn);
      }
      const events = this.deleteEvents.run(JSON.stringify([...execIds, ...exitOnlyIds])).changes;
      const processes = this.deleteRows.run(ids).changes;
      return { processes, events, exitOnlyIds: [...exitOnlyIds] };
    });
  }

  retentionProcesses(): RetentionProcess[] {
    return this.links.all().map((row) => ({
      execId: row.execId,
      parentExecId: row.parentExecId,
      state: row.state,
      startTime: row.startKey || null,
      exitTime: row.exitKey || null,
    }));
  }

  deleteProcesses(execIds: readonly string[]): DeletedProcesses {
    if (execIds.length === 0) return { processes: 0, events: 0, exitOnlyIds: [] };
    return this.remove(execIds);
  }

  deleteUnattachedEventsBefore(cutoffKey: string): string[] {
    return this.deleteUnattached.all(cutoffKey).map((row) => row.id);
  }

  usedBytes(): number {
    const pages = Number(this.db.pragma('page_count', { simple: true }));
    const free = Number(this.db.pragma('freelist_count', { simple: true }));
    return (pages - free) * Number(this.db.pragma('page_size', { simple: true }));
  }

  reclaim(): void {
    // A no-op unless the database was created with auto_vacuum = INCREMENTAL.
    this.db.pragma('incremental_vacuum');
  }
}
