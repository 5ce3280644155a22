import type { Log } from '../../log.ts';
import { LineRejection } from '../line-limits.ts';
import type { NumberedLine } from '../line-splitter.ts';
import { message, type IngestPipeline } from '../pipeline.ts';
import type { Source } from '../source.ts';
import type { SourceTracker } from '../source-status.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import type { EventStreamOpener, StreamCall } from './event-stream.ts';
import { LineBatcher } from './line-batcher.ts';

export interface ReconnectingSourceOptions {
  opener: EventStreamOpener;
  /** Turns one received message into its export JSON line; throws if it cannot. */
  toLine: (message: unknown) => string;
  tracker: SourceTracker;
  pipeline: IngestPipeline;
  log: Log;
  backoff?: BackoffOptions;
  maxBatchLines?: number;
  /** The call is paused while this many batches wait for their commit (PostgreSQL). */
  maxUncommittedBatches?: number;
}

export const DEFAULT_MAX_UNCOMMITTED_BATCHES = 4;

/**
 * Keeps one event stream open: every message becomes a line for the pipeline; when the
 * stream fails or ends it is opened again after an exponential backoff, which starts over
 * once a stream delivers events. Lines are numbered across reconnects. With a store that
 * commits later (PostgreSQL), the call is paused while too many batches are uncommitted, so
 * a database slower than the agent holds the agent back instead of filling memory.
 */
export function createReconnectingSource(options: ReconnectingSourceOptions): Source {
  const { opener, toLine, tracker, pipeline, log } = options;
  const backoff = new Backoff(options.backoff);
  let lineNo = 0;
  let call: StreamCall | undefined;
  let retry: NodeJS.Timeout | undefined;
  let started = false;
  let stopped = false;

  const maxUncommitted = options.maxUncommittedBatches ?? DEFAULT_MAX_UNCOMMITTED_BATCHES;
  let uncommitted = 0;
  let paused = false;

  const fail = (error: unknown) => {
    tracker.lastError = message(error);
    log(`${tracker.id}: ${tracker.lastError}`);
  };

  const awaitCommit = (committed: Promise<void>) => {
    uncommitted += 1;
    if (uncommitted >= maxUncommitted && !paused) {
      paused = true;
      call?.pause();
    }
    committed.catch(fail).finally(() => {
      uncommitted -= 1;
      if (paused && uncommitted < maxUncommitted) {
        paused = false;
        call?.resume();
      }
    });
  };

  const batcher = new LineBatcher((lines) => {
    try {
      const { committed } = pipeline.ingest(tracker, lines);
      if (committed) awaitCommit(committed);
    } catch (error) {
      fail(error);
    }
  }, options.maxBatchLines);

  const numbered = (received: unknown): NumberedLine => {
    lineNo += 1;
    try {
      return { lineNo, text: toLine(received) };
    } catch (error) {
      // Counted and reported as a rejected line, like any line the parser cannot read.
      const reason =
        error instanceof LineRejection
          ? error.message
          : `cannot convert the event: ${message(error)}`;
      return { lineNo, text: '', error: reason };
    }
  };

  const connect = () => {
    retry = undefined;
    if (stopped) return;
    let receiving = false;
    call = opener.open({
      onConnected() {
        tracker.connected = true;
      },
      onMessage(received) {
        if (!receiving) {
          receiving = true;
          backoff.reset();
          if (tracker.lastError !== null) log(`${tracker.id}: receiving events again`);
          tracker.lastError = null;
        }
        batcher.push(numbered(received));
      },
      onEnd(reason) {
        call = undefined;
        batcher.flush();
        tracker.connected = false;
        if (stopped) return;
        const delay = backoff.next();
        if (tracker.lastError !== reason)
          log(`${tracker.id}: ${reason}; reconnecting in ${delay} ms`);
        tracker.lastError = reason;
        retry = setTimeout(connect, delay);
      },
    });
    if (paused) call.pause();
  };

  return {
    tracker,
    start() {
      if (started || stopped) return;
      started = true;
      connect();
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      retry = undefined;
      call?.cancel();
      call = undefined;
      batcher.flush();
      opener.close();
      tracker.connected = false;
    },
  };
}
