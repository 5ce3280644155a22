import type { EmittedRecord } from '../engine/record.ts';
import { MinHeap } from '../engine/heap.ts';
import type { Prng } from '../prng.ts';
import { MILLISECOND } from '../time/ns.ts';
import { malform } from './malformed.ts';
import type { ChaosOptions } from './options.ts';

/** Share of lines held back (Tetragon's event cache parks events for up to ~30 s). */
const LATE_RATE = 0.05;

function corrupt(record: EmittedRecord, options: ChaosOptions, rng: Prng): string | undefined {
  let line = record.line;
  if (record.kind === 'exec' && rng.chance(options.lostExecRate)) return undefined;
  if (record.kind === 'exit') {
    const roll = rng.float();
    if (roll < options.lostExitRate) return undefined;
    if (roll < options.lostExitRate + options.reducedExitRate && record.reduce !== undefined) {
      line = record.reduce();
    }
  }
  return rng.chance(options.malformedRate) ? malform(line, rng) : line;
}

/**
 * Turns an ordered stream into what a real export can look like: late, duplicated, lost,
 * reduced and malformed lines. A late line is released once the stream has reached its
 * event time plus its delay, so it is never more than `maxDelayMs` behind.
 */
export function* applyChaos(
  records: Iterable<EmittedRecord>,
  options: ChaosOptions,
  rng: Prng,
): Generator<string> {
  const maxDelay = Math.round(options.maxDelayMs * MILLISECOND);
  const late = new MinHeap<string>();
  let watermark = Number.NEGATIVE_INFINITY;
  for (const record of records) {
    if (record.time > watermark) watermark = record.time;
    while (late.size > 0 && (late.peekKey() ?? Number.POSITIVE_INFINITY) <= watermark) {
      const released = late.pop();
      if (released !== undefined) yield released.value;
    }
    const line = corrupt(record, options, rng);
    if (line === undefined) continue;
    const copies = rng.chance(options.duplicateRate) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      if (maxDelay > 0 && rng.chance(LATE_RATE))
        late.push(record.time + rng.int(1, maxDelay), line);
      else yield line;
    }
  }
  for (let released = late.pop(); released !== undefined; released = late.pop())
    yield released.value;
}
