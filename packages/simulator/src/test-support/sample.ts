import { generateLines } from '../simulate.ts';
import { parseEvent, type ParsedLine } from './events.ts';

export const SAMPLE_SIZE = 20_000;

let cached: { lines: string[]; events: ParsedLine[] } | undefined;

/** 20,000 ordered lines of seed 1, parsed; generated once per test file. */
export function orderedSample(): { lines: string[]; events: ParsedLine[] } {
  if (cached === undefined) {
    const lines = generateLines({ seed: 1, count: SAMPLE_SIZE });
    cached = { lines, events: lines.map(parseEvent) };
  }
  return cached;
}
