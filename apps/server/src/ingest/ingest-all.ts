import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { MAX_LISTED_INGEST_ERRORS } from '@exectree/domain';
import type { NumberedLine } from './line-splitter.ts';
import type { BatchResult, IngestPipeline } from './pipeline.ts';
import type { SourceTracker } from './source-status.ts';

export const DEFAULT_BATCH_LINES = 2_000;

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
  const total: BatchResult = { accepted: 0, rejected: 0, errors: [], inserted: 0 };
  for (let start = 0; start < lines.length; start += batchLines) {
    if (start > 0) await yieldToEventLoop();
    const result = pipeline.ingest(source, lines.slice(start, start + batchLines));
    total.accepted += result.accepted;
    total.rejected += result.rejected;
    total.inserted += result.inserted;
    const room = MAX_LISTED_INGEST_ERRORS - total.errors.length;
    if (room > 0) total.errors.push(...result.errors.slice(0, room));
  }
  return total;
}
