import type { Process, TreeChanges } from '@exectree/domain';
import type { Pool } from 'pg';
import type { ProcessQuery, ProcessSearchResult, ProcessStore } from '../process-store.ts';
import type { Leadership } from './pg-leader.ts';
import { rowValues, writeRows } from './pg-process-rows.ts';
import { searchProcesses } from './pg-process-search.ts';
import { fromPgText, toPgText } from './pg-text.ts';

/**
 * The `processes` rows. Every replica holds the same tree (see ADR 0004), so only the leader
 * writes them, on its lock connection; the others' writes are no-ops. Anyone can search.
 * `sync` keeps the rows of real processes the tree in memory no longer holds (evicted by
 * the per-group limit); retention deletes those.
 */
export class PgProcessStore implements ProcessStore {
  constructor(
    private readonly pool: Pool,
    private readonly leader: Leadership,
  ) {}

  async applyChanges(changes: Pick<TreeChanges, 'upserts' | 'removes'>): Promise<void> {
    if (changes.upserts.length === 0 && changes.removes.length === 0) return;
    await this.leader.run((client) =>
      writeRows(
        client,
        changes.removes.map((remove) => remove.execId),
        changes.upserts.map((process) => rowValues(process)),
      ),
    );
  }

  async sync(processes: readonly Process[]): Promise<number> {
    const written = await this.leader.run(async (client) => {
      const missing = new Map(processes.map((process) => [process.execId, process]));
      const stale: string[] = [];
      const changed: unknown[][] = [];
      const rows = await client.query<{ exec_id: string; json: string }>(
        'SELECT exec_id, json FROM processes',
      );
      for (const row of rows.rows) {
        const execId = fromPgText(row.exec_id);
        const process = missing.get(execId);
        if (!process) {
          stale.push(execId);
          continue;
        }
        missing.delete(execId);
        const json = JSON.stringify(process);
        if (json !== row.json) changed.push(rowValues(process, json));
      }
      for (const process of missing.values()) changed.push(rowValues(process));
      // A real process the tree in memory dropped (a group over its limit) keeps its row:
      // only retention deletes those, and it deletes the rows itself.
      const deleted = await client.query(
        `DELETE FROM processes p WHERE p.exec_id = ANY($1::text[]) AND NOT EXISTS
           (SELECT 1 FROM merged_processes m WHERE m.exec_id = p.exec_id AND m.pending_key IS NULL)`,
        [stale.map(toPgText)],
      );
      await writeRows(client, [], changed);
      return (deleted.rowCount ?? 0) + changed.length;
    });
    return written ?? 0;
  }

  async count(): Promise<number> {
    const result = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM processes');
    return Number(result.rows[0]?.n ?? 0);
  }

  search(query: ProcessQuery): Promise<ProcessSearchResult> {
    return searchProcesses(this.pool, query);
  }
}
