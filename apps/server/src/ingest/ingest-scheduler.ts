import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Runs ingest batches one at a time, each in a turn of the event loop of its own, in the
 * order they were asked for. Request bodies that arrive together would otherwise each run a
 * batch in the same turn, and /healthz, sockets and the delta tick would wait for all of
 * them; this way they wait for one batch at most, and concurrent bodies take turns.
 */
export class IngestScheduler {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  run<T>(task: () => T): Promise<T> {
    this.waiting += 1;
    const result = this.tail
      .then(() => yieldToEventLoop())
      .then(() => {
        this.waiting -= 1;
        return task();
      });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Batches asked for and not yet run. */
  get queued(): number {
    return this.waiting;
  }
}
