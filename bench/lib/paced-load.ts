import { GaveUp } from './http.ts';
import { sleep } from './sleep.ts';
import { wallNow } from './live-client.ts';

export interface PacedLoad {
  /** Events per second to offer. */
  rate: number;
  durationMs: number;
  /** How often a POST goes out. */
  tickMs: number;
  /** Requests outstanding at most; while at the limit, due events wait for the next tick. */
  maxInFlight: number;
  /** How long after the load ends outstanding (retried) requests may still take. */
  graceMs?: number;
  /** Events per POST at most; a backlog goes out over several ticks. */
  maxBatch: number;
  /** Builds `count` lines; `stamp` is the wall-clock time (ms) of this POST. */
  next(count: number, stamp: number): string[];
  /** Sends; gives a refused body up after `giveUpAt` (performance.now()) with a GaveUp error. */
  send(lines: string[], giveUpAt: number): Promise<unknown>;
}

export interface PacedResult {
  /** Events sent; fewer than offered when the server could not keep up. */
  events: number;
  /** Of those, events in bodies the server still refused at the deadline. */
  dropped: number;
  offered: number;
  posts: number;
  elapsedMs: number;
  /** Ticks that found `maxInFlight` requests still outstanding. */
  saturatedTicks: number;
}

/**
 * Offers `rate` events per second for `durationMs`, then waits for the outstanding
 * requests. Bounded in count (rate × duration events) and in time: what a saturated
 * server has not taken by the end is not sent (`events` says what was).
 */
export async function runPaced(load: PacedLoad): Promise<PacedResult> {
  const total = Math.round((load.rate * load.durationMs) / 1000);
  const giveUpAt = performance.now() + load.durationMs + (load.graceMs ?? 20_000);
  let dropped = 0;
  const pending = new Set<Promise<unknown>>();
  const failures: unknown[] = [];
  let events = 0;
  let posts = 0;
  let saturatedTicks = 0;
  const start = performance.now();
  while (events < total && failures.length === 0) {
    const elapsed = performance.now() - start;
    if (elapsed > load.durationMs) break;
    const due = Math.min(
      load.maxBatch,
      Math.min(total, Math.floor((elapsed / 1000) * load.rate)) - events,
    );
    if (due > 0 && pending.size < load.maxInFlight) {
      const request = load
        .send(load.next(due, wallNow()), giveUpAt)
        .catch((error: unknown) => {
          if (error instanceof GaveUp) dropped += due;
          else failures.push(error);
        })
        .finally(() => pending.delete(request));
      pending.add(request);
      events += due;
      posts += 1;
    } else if (due > 0) {
      saturatedTicks += 1;
    }
    await sleep(load.tickMs);
  }
  await Promise.all(pending);
  if (failures.length > 0) throw failures[0];
  return {
    events,
    dropped,
    offered: total,
    posts,
    elapsedMs: performance.now() - start,
    saturatedTicks,
  };
}
