import type { ExitInfo } from '../tetragon/parsed-event.ts';
import { timeKey } from '../util/time.ts';

/**
 * Two exits for one process only happen with duplicated or inconsistent data; keeping
 * the maximum by (time, status, signal) gives the same answer whatever the order.
 */
export function maxExit(a: ExitInfo | undefined, b: ExitInfo | undefined): ExitInfo | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const ta = timeKey(a.time);
  const tb = timeKey(b.time);
  if (ta !== tb) return ta > tb ? a : b;
  if (a.status !== b.status) return a.status > b.status ? a : b;
  return (a.signal ?? '') >= (b.signal ?? '') ? a : b;
}

export function sameExit(a: ExitInfo | undefined, b: ExitInfo | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return timeKey(a.time) === timeKey(b.time) && a.status === b.status && a.signal === b.signal;
}
