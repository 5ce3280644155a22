import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { MAX_LISTED_INGEST_ERRORS } from '@exectree/domain';
import type { NumberedLine } from './line-splitter.ts';
import type { BatchResult, IngestPipeline } from './pipeline.ts';
import type { SourceTracker } from './source-status.ts';

/**
 * Lines per transaction for a request body. Each batch runs without yielding (parse, store,
 * apply: tens of microseconds a line), so this bounds how long /healthz and sockets wait on ingest.
 */
export const DEFAULT_BATCH_LINES = 250;

export function emptyResult(): BatchResult {
  return { accepted: 0, rejected: 0, errors: [], inserted: 0 };
}

/**
 * Adds one batch to a running total, keeping the first MAX_LISTED_INGEST_ERRORS errors; a
 * store that commits later (see BatchResult.committed) is waited for at the end.
 */
export function addBatch(total: BatchResult, result: BatchResult): void {
  total.accepted += result.accepted;
  total.rejected += result.rejected;
  total.inserted += result.inserted;
  const room = MAX_LISTED_INGEST_ERRORS - total.errors.length;
  if (room > 0) total.errors.push(...result.errors.slice(0, room));
  if (result.committed) {
    const all = total.committed
      ? Promise.all([total.committed, result.committed]).then(() => undefined)
      : result.committed;
    // Awaited by `settled`; until then a failure must not count as unhandled.
    all.catch(() => undefined);
    total.committed = all;
  }
}

/** Resolves once every batch added to `total` is committed. */
export async function settled(total: BatchResult): Promise<BatchResult> {
  await total.committed;
  const { accepted, rejected, errors, inserted } = total;
  return { accepted, rejected, errors, inserted };
}

/**
 * Ingests many lines as several transactions, yielding between them so sockets and the
 * delta flush keep running while a large body is processed.
 */
export async function ingestAll(
  pipeline: IngestPipeline,
  source: SourceTracker,
  lines: readonly NumberedLine[],
  batchLines = DEFAULT_BATCH_LINES,
): Promise<BatchResult> {
  const total = emptyResult();
  for (let start = 0; start < lines.length; start += batchLines) {
    if (start > 0) await yieldToEventLoop();
    const result = pipeline.ingest(source, lines.slice(start, start + batchLines));
    // Waiting here also holds a large body back until the store has taken the batch.
    if (result.committed) await result.committed;
    addBatch(total, result);
  }
  return total;
}
