import { parseBatch, type ParsedBatch } from './parse-batch.ts';
import type { BatchParser } from './parse-pool.ts';

/** Parses in the calling thread: for inputs too small to repay starting a worker. */
export class InlineParser implements BatchParser {
  readonly size = 1;

  async parse(texts: string[]): Promise<ParsedBatch> {
    return parseBatch(texts);
  }

  async close(): Promise<void> {}
}
