import type Database from 'better-sqlite3';
import type { ParseResult } from '@exectree/domain';
import { storedExecId } from './stored-exec-id.ts';

/**
 * Databases written before exits without exec_id were stored under their stand-in's id
 * hold them with a NULL exec_id; this files them under that id once (store_meta records it).
 */
export function backfillExitOnlyIds(
  db: Database.Database,
  parse: (line: string) => ParseResult,
): number {
  const pending = db.prepare(`SELECT value FROM store_meta WHERE key = 'exit_only_ids'`).get() as
    { value: string } | undefined;
  if (pending?.value !== 'pending') return 0;
  const select = db.prepare<[], { seq: number; raw: string }>(
    `SELECT seq, raw FROM events WHERE exec_id IS NULL AND type = 'process_exit'`,
  );
  const update = db.prepare<[string, number]>('UPDATE events SET exec_id = ? WHERE seq = ?');
  return db.transaction(() => {
    const updates: [string, number][] = [];
    for (const row of select.iterate()) {
      const parsed = parse(row.raw);
      const execId = parsed.kind === 'event' ? storedExecId(parsed.event) : null;
      if (execId !== null) updates.push([execId, row.seq]);
    }
    for (const [execId, seq] of updates) update.run(execId, seq);
    db.prepare(`UPDATE store_meta SET value = 'done' WHERE key = 'exit_only_ids'`).run();
    return updates.length;
  })();
}
