import type { NumberedLine } from '../line-splitter.ts';
import { ByteLineSplitter, type LinePosition } from './byte-line-splitter.ts';
import { DEFAULT_CHUNK_BYTES, openContent } from './file-content.ts';

export interface ReadLinesOptions {
  /** Where to start: a line boundary of the (decompressed) content. */
  from?: LinePosition;
  chunkBytes?: number;
  /** Longer lines are discarded as they arrive and rejected. */
  maxLineBytes?: number;
  /** A batch is handed over once it holds this many lines, and at the end. */
  batchLines: number;
  /**
   * Called with each batch and the position just after its last line; reading waits for a
   * returned promise (so a slow consumer holds reading back).
   */
  onBatch(lines: NumberedLine[], end: LinePosition): void | Promise<void>;
  /** Called after each chunk with the bytes read from disk so far. */
  onProgress?(rawBytesRead: number): void;
  /** Checked between chunks; reading stops early when it returns true. */
  stopped?(): boolean;
}

/**
 * Reads a whole file (gzipped or not) as batches of numbered lines; a last line without a
 * newline counts. Resolves to the position after the last line handed over.
 */
export async function readFileLines(
  path: string,
  options: ReadLinesOptions,
): Promise<LinePosition> {
  const from = options.from ?? { offset: 0, line: 0 };
  const content = openContent(path, from.offset, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const splitter = new ByteLineSplitter(from, options.maxLineBytes);
  let batch: NumberedLine[] = [];
  let handed = { ...from };
  const flush = async () => {
    if (batch.length === 0) return;
    const lines = batch;
    batch = [];
    handed = splitter.position;
    await options.onBatch(lines, handed);
  };
  for await (const chunk of content.chunks) {
    splitter.push(chunk, batch);
    if (batch.length >= options.batchLines) await flush();
    options.onProgress?.(content.rawBytesRead());
    if (options.stopped?.()) return handed;
  }
  splitter.end(batch);
  await flush();
  return handed;
}
