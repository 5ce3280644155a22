/**
 * Per-process values that cost a regular expression to compute (RFC 3339 parsing), cached
 * by process object identity. The live store keeps unchanged processes as the same object,
 * so each is parsed once however often the tree is derived again. One cache entry per
 * process holds all of them: weak entries are what the garbage collector pays for.
 */
import { timeKey, timeMs, type Process } from '@exectree/domain';

interface Keys {
  startKey?: string;
  startMs?: number;
  exitMs?: number;
}

const cache = new WeakMap<Process, Keys>();

function keysOf(process: Process): Keys {
  let keys = cache.get(process);
  if (keys === undefined) {
    keys = {};
    cache.set(process, keys);
  }
  return keys;
}

/** The start time as a string that sorts like the instant ("" when unknown). */
export function startKeyOf(process: Process): string {
  const keys = keysOf(process);
  keys.startKey ??= timeKey(process.startTime);
  return keys.startKey;
}

/** The start time in ms since the epoch, NaN when unknown. */
export function startMsOf(process: Process): number {
  const keys = keysOf(process);
  keys.startMs ??= timeMs(process.startTime);
  return keys.startMs;
}

/** The exit time in ms since the epoch, NaN when unknown or not exited. */
export function exitMsOf(process: Process): number {
  const keys = keysOf(process);
  keys.exitMs ??= timeMs(process.exitTime);
  return keys.exitMs;
}
