import type { ParseResult } from '@exectree/domain';
import type { EventColumns } from '../../store/event-columns.ts';
import { idHigh, idLow } from '../../store/sqlite-events-schema.ts';
import { storedExecId } from '../../store/stored-exec-id.ts';
import { parseLine, timeKey } from '../domain-parsing.ts';
import { parseWithinDepth } from '../json-depth.ts';

export const LINE_EVENT = 0;
export const LINE_BLANK = 1;
export const LINE_REJECTED = 2;

/**
 * One batch of lines parsed and reduced to what the SQLite store writes, column by column so
 * it crosses threads as a few arrays instead of one object per event. The raw lines are not
 * in it: the sender keeps them exactly as read.
 */
export interface ParsedBatch extends Omit<EventColumns, 'raws'> {
  /** Per line, in order: LINE_EVENT, LINE_BLANK or LINE_REJECTED. */
  kinds: Uint8Array<ArrayBuffer>;
  /** The reason of each rejected line, in line order. */
  reasons: string[];
  /** As in EventColumns, one pair per event in line order; its own buffer, to transfer. */
  hashes: Uint32Array<ArrayBuffer>;
}

/** Parses `texts` as the ingest pipeline does: too-deep JSON first, then `parse`. */
export function parseBatch(
  texts: readonly string[],
  parse: (line: string) => ParseResult = parseLine,
): ParsedBatch {
  const kinds = new Uint8Array(texts.length);
  const hashes = new Uint32Array(texts.length * 2);
  const batch: ParsedBatch = {
    kinds,
    reasons: [],
    hashes,
    types: [],
    nodes: [],
    timeKeys: [],
    execIds: [],
  };
  let events = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] ?? '';
    const result = parseWithinDepth(text, parse);
    if (result.kind === 'blank') {
      kinds[i] = LINE_BLANK;
    } else if (result.kind === 'rejected') {
      kinds[i] = LINE_REJECTED;
      batch.reasons.push(result.reason);
    } else {
      const { event } = result;
      kinds[i] = LINE_EVENT;
      hashes[2 * events] = idHigh(event.id);
      hashes[2 * events + 1] = idLow(event.id);
      batch.types.push(event.type);
      batch.nodes.push(event.node);
      batch.timeKeys.push(timeKey(event.time));
      batch.execIds.push(storedExecId(event));
      events += 1;
    }
  }
  batch.hashes = hashes.slice(0, events * 2);
  return batch;
}
