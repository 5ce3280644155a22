import { KNOWN_EVENT_TYPES, timeMs } from '@exectree/domain';
import type { IngestObserver } from '../ingest/pipeline.ts';
import { MetricsRegistry, type Counter, type Histogram, type LabeledCounter } from './registry.ts';

/**
 * Event types used as label values. Any other key a line carries becomes "other": the type
 * comes from the input, and every distinct label value is a new series kept forever.
 */
const EVENT_TYPES = KNOWN_EVENT_TYPES;

export const DELTA_BATCH_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/** Why a socket was resynced: it fell behind, it asked, or it never asked after falling behind. */
export type ResyncMetricReason = 'backlog' | 'client' | 'fallback';

export interface ServerMetrics {
  registry: MetricsRegistry;
  eventsIngested: LabeledCounter<'source' | 'type'>;
  eventsRejected: LabeledCounter<'source'>;
  eventsDuplicate: LabeledCounter<'source'>;
  /** Processes (upserts + removes) per drained change batch. */
  deltaBatchSize: Histogram;
  deltaBatches: Counter;
  resyncs: LabeledCounter<'reason'>;
  /** Stored events deleted by retention; the retention job increments it. */
  retentionDeleted: Counter;
  /** Pass to the ingest pipeline: feeds the event counters and the source lag. */
  ingest: IngestObserver;
  /** Newest event time (ms since the epoch) ingested per source id. */
  newestEventMs: ReadonlyMap<string, number>;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new MetricsRegistry();
  const eventsIngested = registry.labeledCounter(
    'exectree_events_ingested_total',
    'Events accepted per source and event type, duplicates included.',
    ['source', 'type'],
  );
  const eventsRejected = registry.labeledCounter(
    'exectree_events_rejected_total',
    'Lines rejected by the parser per source.',
    ['source'],
  );
  const eventsDuplicate = registry.labeledCounter(
    'exectree_events_duplicate_total',
    'Accepted events that were already stored, per source.',
    ['source'],
  );
  const deltaBatchSize = registry.histogram(
    'exectree_delta_batch_size',
    'Processes (upserts and removes) per live delta batch.',
    DELTA_BATCH_BUCKETS,
  );
  const deltaBatches = registry.counter(
    'exectree_delta_batches_total',
    'Live delta batches drained from the tree (one per flush with changes).',
  );
  const resyncs = registry.labeledCounter(
    'exectree_resyncs_total',
    'Socket resyncs: backlog = told to resync after falling behind, client = sync:request answered, fallback = snapshots sent unasked.',
    ['reason'],
  );
  for (const reason of ['backlog', 'client', 'fallback'] as const) resyncs.init({ reason });
  const retentionDeleted = registry.counter(
    'exectree_retention_deleted_total',
    'Stored events deleted by retention.',
  );

  const newestEventMs = new Map<string, number>();
  const ingest: IngestObserver = {
    committed(source, batch) {
      const byType = new Map<string, number>();
      let newest = newestEventMs.get(source.id) ?? Number.NEGATIVE_INFINITY;
      for (const event of batch.accepted) {
        const type = EVENT_TYPES.has(event.type) ? event.type : 'other';
        byType.set(type, (byType.get(type) ?? 0) + 1);
        const ms = timeMs(event.time);
        if (ms > newest) newest = ms;
      }
      for (const [type, count] of byType) eventsIngested.inc({ source: source.id, type }, count);
      if (Number.isFinite(newest)) newestEventMs.set(source.id, newest);
      if (batch.rejected > 0) eventsRejected.inc({ source: source.id }, batch.rejected);
      const duplicates = batch.accepted.length - batch.inserted;
      if (duplicates > 0) eventsDuplicate.inc({ source: source.id }, duplicates);
    },
  };

  return {
    registry,
    eventsIngested,
    eventsRejected,
    eventsDuplicate,
    deltaBatchSize,
    deltaBatches,
    resyncs,
    retentionDeleted,
    ingest,
    newestEventMs,
  };
}
