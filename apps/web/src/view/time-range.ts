/**
 * A time range the user brushed on the timeline. Bounds stay RFC 3339 strings so a range
 * typed or shared with nanoseconds keeps them; comparisons use the fixed-width time key.
 */
import { timeKey, timeMs, type Process } from '@exectree/domain';

export interface TimeRange {
  from: string;
  to: string;
}

/** A valid range from two strings (swapped when reversed), or null. */
export function parseRange(from: string | null, to: string | null): TimeRange | null {
  const a = timeKey(from);
  const b = timeKey(to);
  if (!a || !b || from === null || to === null) return null;
  return a <= b ? { from, to } : { from: to, to: from };
}

/** Milliseconds since the epoch as RFC 3339 UTC with milliseconds. */
export function isoFromMs(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}

export function rangeFromMs(a: number, b: number): TimeRange {
  return { from: isoFromMs(Math.min(a, b)), to: isoFromMs(Math.max(a, b)) };
}

export function rangeMs(range: TimeRange): [number, number] {
  return [timeMs(range.from), timeMs(range.to)];
}

export function sameRange(a: TimeRange | null, b: TimeRange | null): boolean {
  if (a === null || b === null) return a === b;
  return a.from === b.from && a.to === b.to;
}

export type ProcessLookup = (execId: string) => Process | undefined;

/**
 * When the process stopped running, as a time key: null while it runs (open-ended). An
 * image replaced by exec-without-fork ends when its replacement starts; an exit without a
 * time, or a replacement we cannot see, ends where it started.
 */
export function endKeyOf(process: Process, lookup?: ProcessLookup): string | null {
  if (process.state === 'running') return null;
  const exit = timeKey(process.exitTime);
  if (exit) return exit;
  if (process.state === 'replaced' && process.replacedBy !== null && lookup) {
    const next = timeKey(lookup(process.replacedBy)?.startTime);
    if (next) return next;
  }
  return timeKey(process.startTime);
}

/**
 * Was the process running at some instant of the range? An unknown start counts as "long
 * ago" and an open end as "still running", so both stay visible rather than vanish.
 */
export function aliveIn(process: Process, range: TimeRange, lookup?: ProcessLookup): boolean {
  const from = timeKey(range.from);
  const to = timeKey(range.to);
  const start = timeKey(process.startTime);
  if (start && start > to) return false;
  const end = endKeyOf(process, lookup);
  return end === null || end === '' || end >= from;
}
