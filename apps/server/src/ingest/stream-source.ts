import type { Log } from '../log.ts';
import { ByteLineSplitter } from './file/byte-line-splitter.ts';
import type { NumberedLine } from './line-splitter.ts';
import { message, type IngestPipeline } from './pipeline.ts';
import type { Source } from './source.ts';
import type { SourceTracker } from './source-status.ts';

export interface StreamSourceOptions {
  stream: NodeJS.ReadableStream;
  tracker: SourceTracker;
  pipeline: IngestPipeline;
  log: Log;
  /** Longer lines are discarded as they arrive and rejected (`--max-line`). */
  maxLineBytes?: number;
}

/**
 * Reads lines from a stream (standard input) until EOF; connected until then. Each chunk is
 * committed before the next is read (on PostgreSQL too, where the commit comes later), so a
 * fast writer is held back by the pipe instead of filling memory.
 */
export function createStreamSource(options: StreamSourceOptions): Source {
  const { stream, tracker, pipeline, log } = options;
  const splitter = new ByteLineSplitter(undefined, options.maxLineBytes);
  let running: Promise<void> | undefined;
  let stopped = false;

  const fail = (error: unknown) => {
    tracker.lastError = message(error);
    log(`${tracker.id}: ${tracker.lastError}`);
  };

  /** Resolves once the lines are committed; a failed commit is reported and reading goes on. */
  const ingest = async (lines: NumberedLine[]) => {
    if (lines.length === 0) return;
    try {
      const { committed } = pipeline.ingest(tracker, lines);
      if (committed) await committed;
    } catch (error) {
      fail(error);
    }
  };

  const run = async () => {
    tracker.connected = true;
    try {
      for await (const chunk of stream) {
        if (stopped) break;
        await ingest(splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
      }
      if (!stopped) {
        await ingest(splitter.end());
        log(`${tracker.id}: end of input`);
      }
    } catch (error) {
      if (!stopped) fail(error);
    } finally {
      tracker.connected = false;
    }
  };

  return {
    tracker,
    start() {
      running ??= run();
    },
    async stop() {
      stopped = true;
      // Destroying ends the for-await loop; standard input is never read again afterwards.
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
      await running;
    },
  };
}
