import { ByteLineSplitter } from './file/byte-line-splitter.ts';
import { DEFAULT_BATCH_LINES, addBatch, emptyResult, settled } from './ingest-all.ts';
import { IngestScheduler } from './ingest-scheduler.ts';
import type { NumberedLine } from './line-splitter.ts';
import type { BatchResult, IngestPipeline } from './pipeline.ts';
import type { SourceTracker } from './source-status.ts';

export interface IngestBodyOptions {
  maxLineBytes?: number;
  batchLines?: number;
  /** Shared by the bodies of one server, so their batches take turns; a new one otherwise. */
  scheduler?: IngestScheduler;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** The body is split a slice at a time, so its lines never all exist as strings at once. */
const SLICE_BYTES = 256 * 1024;

/**
 * Ingests a request body of export lines in transactions of `batchLines`, each in its own
 * turn of the event loop (see IngestScheduler). Lines are cut from the bytes and decoded one by one, so a line that is not UTF-8 or
 * too long is rejected alone, with its number, and the rest of the body still counts.
 */
export async function ingestBody(
  pipeline: IngestPipeline,
  source: SourceTracker,
  body: Buffer,
  options: IngestBodyOptions = {},
): Promise<BatchResult> {
  const batchLines = options.batchLines ?? DEFAULT_BATCH_LINES;
  const splitter = new ByteLineSplitter(undefined, options.maxLineBytes);
  const scheduler = options.scheduler ?? new IngestScheduler();
  const total = emptyResult();
  let pending: NumberedLine[] = [];
  const flush = async (lines: NumberedLine[]) => {
    addBatch(total, await scheduler.run(() => pipeline.ingest(source, lines)));
  };

  const start = body.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) ? UTF8_BOM.length : 0;
  for (let at = start; at < body.length; at += SLICE_BYTES) {
    splitter.push(body.subarray(at, Math.min(at + SLICE_BYTES, body.length)), pending);
    while (pending.length >= batchLines) {
      await flush(pending.slice(0, batchLines));
      pending = pending.slice(batchLines);
    }
  }
  splitter.end(pending);
  if (pending.length > 0) await flush(pending);
  return settled(total);
}
