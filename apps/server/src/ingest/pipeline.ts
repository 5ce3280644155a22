import {
  MAX_LISTED_INGEST_ERRORS,
  parseLine as defaultParse,
  type IngestError,
  type ParseResult,
  type ParsedEvent,
  type TreeWriter,
} from '@exectree/domain';
import type { EventStore, FileCursor } from '../store/event-store.ts';
import type { Log } from '../log.ts';
import { parseWithinDepth } from './json-depth.ts';
import type { NumberedLine } from './line-splitter.ts';
import type { SourceTracker } from './source-status.ts';

export interface BatchResult {
  accepted: number;
  rejected: number;
  /** The first rejections, at most MAX_LISTED_INGEST_ERRORS. */
  errors: IngestError[];
  /** Accepted events that were new to the store (0 while `committed` is pending). */
  inserted: number;
  /**
   * Set when the store commits after `ingest` returns (PostgreSQL queues batches in order):
   * resolves once this batch is committed, rejects if it could not be. Acknowledgements
   * (POST /api/v1/events) wait for it.
   */
  committed?: Promise<void>;
}

export interface IngestPipeline {
  /**
   * Parses, stores (one transaction) and applies one batch; returns once it is committed, or
   * with `committed` to wait for.
   * A `cursor` (how far a file has been read) is committed in the same transaction.
   */
  ingest(source: SourceTracker, lines: readonly NumberedLine[], cursor?: FileCursor): BatchResult;
}

/** Told about every committed batch, e.g. to count it in metrics. */
export interface IngestObserver {
  committed(
    source: SourceTracker,
    batch: {
      accepted: readonly ParsedEvent[];
      rejected: number;
      inserted: number;
      /** The reason of every rejected line of the batch. */
      reasons: readonly string[];
    },
  ): void;
}

export interface PipelineDeps {
  /** SQLite commits inside `ingest`; PostgreSQL answers with a promise (see `committed`). */
  store: EventStore;
  writer: Pick<TreeWriter, 'apply'>;
  log: Log;
  parse?: (line: string) => ParseResult;
  observer?: IngestObserver;
}

/** Rejections logged per batch; a burst of garbage must not flood stderr. */
const LOGGED_REJECTIONS_PER_BATCH = MAX_LISTED_INGEST_ERRORS;

export function createIngestPipeline(deps: PipelineDeps): IngestPipeline {
  const parse = deps.parse ?? defaultParse;

  const apply = (source: SourceTracker, event: ParsedEvent, lineNo: number) => {
    try {
      deps.writer.apply(event);
    } catch (error) {
      // The event is stored; one bad event must not stop the stream.
      deps.log(`${source.id}: line ${lineNo}: could not apply event: ${message(error)}`);
    }
  };

  return {
    ingest(source, lines, cursor) {
      const events: ParsedEvent[] = [];
      const lineOf = new Map<ParsedEvent, number>();
      const errors: IngestError[] = [];
      const reasons: string[] = [];
      let rejected = 0;
      for (const line of lines) {
        source.linesRead += 1;
        const result: ParseResult =
          line.error !== undefined
            ? { kind: 'rejected', reason: line.error }
            : parseWithinDepth(line.text, parse);
        if (result.kind === 'blank') continue;
        if (result.kind === 'event') {
          events.push(result.event);
          lineOf.set(result.event, line.lineNo);
          continue;
        }
        rejected += 1;
        reasons.push(result.reason);
        if (errors.length < MAX_LISTED_INGEST_ERRORS) {
          errors.push({ line: line.lineNo, error: result.reason });
        }
        if (rejected <= LOGGED_REJECTIONS_PER_BATCH) {
          deps.log(`${source.id}: line ${line.lineNo}: ${result.reason}`);
        }
      }
      if (rejected > LOGGED_REJECTIONS_PER_BATCH) {
        deps.log(
          `${source.id}: ${rejected - LOGGED_REJECTIONS_PER_BATCH} more rejected lines in this batch`,
        );
      }
      source.rejected += rejected;

      const stored = cursor
        ? deps.store.appendWithCursor(events, cursor)
        : deps.store.append(events);
      source.accepted += events.length;
      const settle = (inserted: readonly ParsedEvent[]) => {
        for (const event of inserted) apply(source, event, lineOf.get(event) ?? 0);
        deps.observer?.committed(source, {
          accepted: events,
          rejected,
          inserted: inserted.length,
          reasons,
        });
      };
      if (stored instanceof Promise) {
        const committed = stored.then(settle);
        // Every source and the POST route wait for it and report a failure themselves; this
        // only keeps one that does not from crashing the process with an unhandled rejection.
        committed.catch(() => undefined);
        return { accepted: events.length, rejected, errors, inserted: 0, committed };
      }
      settle(stored);
      return { accepted: events.length, rejected, errors, inserted: stored.length };
    },
  };
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
