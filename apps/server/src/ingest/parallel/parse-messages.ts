import type { ParsedBatch } from './parse-batch.ts';

/** What the pool posts to a parse worker. */
export interface ParseRequest {
  id: number;
  texts: string[];
}

/** What a parse worker sends: that it has started, then per request the batch or an error. */
export type ParseReply =
  { ready: true } | { id: number; batch: ParsedBatch } | { id: number; error: string };
