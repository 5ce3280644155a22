import { readFileLines } from '../ingest/file/read-file-lines.ts';
import type { NumberedLine } from '../ingest/line-splitter.ts';
import { LINE_EVENT, LINE_REJECTED, type ParsedBatch } from '../ingest/parallel/parse-batch.ts';
import type { BatchParser } from '../ingest/parallel/parse-pool.ts';
import type { EventColumns } from '../store/event-columns.ts';

/**
 * Lines per batch, and per transaction. Larger batches commit less often but keep more lines
 * alive across garbage collections: on 100 MB, 5,000 lines spent twice as long in GC as 1,000,
 * for 15% fewer bytes written.
 */
export const IMPORT_BATCH_LINES = 1_000;
/**
 * How many rejected lines of a file are listed before only their count is given: the API's
 * MAX_LISTED_INGEST_ERRORS (import-file.test.ts keeps them equal), not imported from the
 * domain package's index, which would load the API schemas at start-up.
 */
export const LISTED_REJECTIONS = 100;
const IMPORT_CHUNK_BYTES = 1024 * 1024;
/** Batches handed to each parse worker ahead of the one being stored, so none waits idle. */
const QUEUED_PER_WORKER = 2;

export interface FileTotals {
  lines: number;
  accepted: number;
  /** Accepted lines that were already stored. */
  duplicates: number;
  rejected: number;
}

export interface ImportFileDeps {
  parser: BatchParser;
  /** Stores one batch in one transaction; returns how many events were new. */
  store(columns: EventColumns): number;
  /** Called for the first rejected lines of the file only. */
  rejected(line: number, reason: string): void;
  progress(rawBytesRead: number, totals: FileTotals): void;
}

/** The store or the parse workers failed: unlike an unreadable file, this ends the import. */
export class StoreFailure extends Error {
  override name = 'StoreFailure';
}

export interface FileResult {
  totals: FileTotals;
  /** Why reading stopped early; what was read before stays stored. */
  readError?: unknown;
}

interface QueuedBatch {
  lines: NumberedLine[];
  parsed: Promise<ParsedBatch>;
}

/**
 * Streams one export file (plain or gzipped) into the store: this thread reads and splits
 * lines and stores them, the parser's workers parse them meanwhile. Batches are stored in the
 * order they were read, one transaction each. Rejects only with StoreFailure.
 */
export async function importFile(path: string, deps: ImportFileDeps): Promise<FileResult> {
  const totals: FileTotals = { lines: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const queue: QueuedBatch[] = [];
  const maxQueued = deps.parser.size * QUEUED_PER_WORKER;

  const reject = (line: number, reason: string) => {
    totals.rejected += 1;
    if (totals.rejected <= LISTED_REJECTIONS) deps.rejected(line, reason);
  };

  const storeOldest = async () => {
    const next = queue.shift();
    if (next === undefined) return;
    let parsed: ParsedBatch;
    try {
      parsed = await next.parsed;
    } catch (error) {
      throw new StoreFailure(message(error));
    }
    const columns = columnsOf(next.lines, parsed, reject);
    totals.lines += next.lines.length;
    let inserted: number;
    try {
      inserted = deps.store(columns);
    } catch (error) {
      throw new StoreFailure(message(error));
    }
    totals.accepted += columns.raws.length;
    totals.duplicates += columns.raws.length - inserted;
  };

  let readError: unknown;
  try {
    await readFileLines(path, {
      batchLines: IMPORT_BATCH_LINES,
      chunkBytes: IMPORT_CHUNK_BYTES,
      async onBatch(lines) {
        // A line refused while reading (too long, not UTF-8) goes as '' and parses as blank.
        const parsed = deps.parser.parse(lines.map((line) => line.text));
        // Awaited in order below; until then a failure must not count as unhandled.
        parsed.catch(() => undefined);
        queue.push({ lines, parsed });
        if (queue.length > maxQueued) await storeOldest();
      },
      onProgress: (rawBytesRead) => deps.progress(rawBytesRead, { ...totals }),
    });
  } catch (error) {
    if (error instanceof StoreFailure) throw error;
    readError = error;
  }
  // What was read before a read error is stored too.
  while (queue.length > 0) await storeOldest();
  return readError === undefined ? { totals } : { totals, readError };
}

/** The stored columns of a batch's events; its rejected lines go to `reject` in line order. */
function columnsOf(
  lines: readonly NumberedLine[],
  parsed: ParsedBatch,
  reject: (line: number, reason: string) => void,
): EventColumns {
  const raws: string[] = [];
  let reasons = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as NumberedLine;
    if (line.error !== undefined) {
      reject(line.lineNo, line.error);
    } else if (parsed.kinds[i] === LINE_EVENT) {
      // The line as read; parseLine hashed it trimmed, and the store keeps it trimmed.
      raws.push(line.text.trim());
    } else if (parsed.kinds[i] === LINE_REJECTED) {
      reject(line.lineNo, parsed.reasons[reasons] ?? 'rejected');
      reasons += 1;
    }
  }
  return {
    hashes: parsed.hashes,
    types: parsed.types,
    nodes: parsed.nodes,
    timeKeys: parsed.timeKeys,
    execIds: parsed.execIds,
    raws,
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
