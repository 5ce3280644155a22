import { describe, expect, it } from 'vitest';
import { ProcessTreeBuilder, parseLine, timeKey, type ParsedEvent } from '@exectree/domain';
import { generateLines } from '@exectree/simulator';
import { FIELDS, mergeBatchOf, type MergeBatch, type MergeRow } from './merge-rows.ts';
import { FIELD_COLUMNS } from './merge-sql.ts';
import {
  CONTAINER_STUB_ID,
  containerPodEvent,
  markerEvent,
  rowEvents,
  standInEvent,
  type MergedRowRecord,
} from './row-events.ts';
import { toPgText, toPgTextOrNull } from './pg-text.ts';
import { shownTrees } from '../../test-support/shown-trees.ts';

/** A folded row as PostgreSQL would hand it back (text escaped, bigints as strings). */
function record(row: MergeRow): MergedRowRecord {
  const columns: Record<string, unknown> = {
    exec_id: toPgText(row.execId),
    best_rank: row.bestRank,
    pending_key: toPgTextOrNull(row.pendingKey),
    exit_time: toPgTextOrNull(row.exit?.time),
    exit_key: row.exit ? timeKey(row.exit.time) : null,
    exit_status: row.exit?.status ?? null,
    exit_signal: toPgTextOrNull(row.exit ? row.exit.signal : null),
    event_count: String(row.eventCount),
  };
  for (const field of FIELDS) {
    const { column, type } = FIELD_COLUMNS[field];
    const ranked = row.fields[field];
    const value = ranked?.value;
    columns[column] =
      value === undefined
        ? null
        : type === 'bigint'
          ? String(value)
          : typeof value === 'string'
            ? toPgText(value)
            : value;
    columns[`${column}_r`] = ranked?.rank ?? 0;
  }
  return columns as unknown as MergedRowRecord;
}

/** What a replica's scan does with the rows of a batch (pg-mirror.ts). */
function feed(builder: ProcessTreeBuilder, batch: MergeBatch, probeIds: { next: number }): void {
  for (const [docker, pod] of batch.containerPods) {
    const event = containerPodEvent(toPgText(docker), toPgText(pod));
    if (event) builder.apply(event);
    builder.forget([CONTAINER_STUB_ID]);
  }
  const rows = [...batch.processes.values()];
  for (const row of rows.filter((r) => r.pendingKey === null)) {
    const held = builder.process(row.execId)?.eventCount ?? 0;
    const next = () => String((probeIds.next += 1));
    for (const event of rowEvents(record(row), held, next)) builder.apply(event);
  }
  for (const row of rows.filter((r) => r.pendingKey !== null)) {
    const exit = batch.pendingExits.get(row.pendingKey ?? '');
    if (!exit) continue;
    const event = standInEvent(record(row), {
      exit_time: toPgTextOrNull(exit.time),
      exit_status: exit.status,
      exit_signal: toPgTextOrNull(exit.signal),
    });
    if (event) builder.apply(event);
  }
  for (const marker of batch.markers) builder.apply(markerEvent(marker));
}

/** The events a store keeps: each distinct line once (duplicates are not merged again). */
const parsed = (seed: number, count: number): ParsedEvent[] => {
  const events = generateLines({ seed, count, chaos: true }).flatMap((line) => {
    const result = parseLine(line);
    return result.kind === 'event' ? [result.event] : [];
  });
  return [...new Map(events.map((event) => [event.id, event])).values()];
};

describe('a tree built from merged rows', () => {
  it.each([1, 2, 3])('equals the tree built from the events (chaos seed %i)', (seed) => {
    const events = parsed(seed, 3_000);
    const reference = new ProcessTreeBuilder();
    for (const event of events) reference.apply(event);

    const mirror = new ProcessTreeBuilder();
    const probeIds = { next: 0 };
    // A scan may see a row half-way, then again complete: the second feed must win.
    feed(mirror, mergeBatchOf(events.slice(0, 1_500)), probeIds);
    feed(mirror, mergeBatchOf(events), probeIds);
    feed(mirror, mergeBatchOf(events), probeIds);
    expect(shownTrees(mirror)).toEqual(shownTrees(reference));
  });
});
