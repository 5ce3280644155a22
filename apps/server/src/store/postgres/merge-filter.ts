import { timeKey } from '@exectree/domain';
import { FIELDS, compareValues, type Field, type FieldValue, type MergeRow } from './merge-rows.ts';
import { FIELD_COLUMNS } from './merge-sql.ts';
import type { MergedRowRecord } from './row-events.ts';
import { fromPgText } from './pg-text.ts';

/** A stored field as the fold compares it. */
function storedValue(record: MergedRowRecord, field: Field): FieldValue | undefined {
  const { column, type } = FIELD_COLUMNS[field];
  const value: unknown = Reflect.get(record, column);
  if (value === null || value === undefined) return undefined;
  if (type === 'bigint') return Number(value);
  if (type === 'boolean') return value === true;
  return typeof value === 'string' ? fromPgText(value) : undefined;
}

function storedRank(record: MergedRowRecord, field: Field): number {
  const rank: unknown = Reflect.get(record, `${FIELD_COLUMNS[field].column}_r`);
  return typeof rank === 'number' ? rank : 0;
}

function exitWins(row: MergeRow, record: MergedRowRecord): boolean {
  const exit = row.exit;
  if (exit === undefined) return false;
  if (record.exit_key === null || record.exit_status === null) return true;
  const key = timeKey(exit.time);
  if (key !== record.exit_key) return key > record.exit_key;
  if (exit.status !== record.exit_status) return exit.status > record.exit_status;
  const signal = record.exit_signal === null ? '' : fromPgText(record.exit_signal);
  return (exit.signal ?? '') > signal;
}

/**
 * Whether merging `row` into the stored `record` would change it. Merges only ever move a
 * row up (per field a maximum), so a contribution that loses against what was read loses
 * against anything committed later too: it can be skipped without taking the row's lock.
 * Most events repeat their parent's and ancestors' snapshots, and those rows are the ones
 * every replica's transactions would otherwise queue on.
 */
export function wouldChange(row: MergeRow, record: MergedRowRecord | undefined): boolean {
  if (record === undefined || row.eventCount > 0 || row.bestRank > record.best_rank) return true;
  if (row.pendingKey !== null && record.pending_key === null) return true;
  if (exitWins(row, record)) return true;
  return FIELDS.some((field) => {
    const incoming = row.fields[field];
    if (incoming === undefined) return false;
    const rank = storedRank(record, field);
    const value = storedValue(record, field);
    return (
      value === undefined ||
      incoming.rank > rank ||
      (incoming.rank === rank && compareValues(incoming.value, value) > 0)
    );
  });
}
