import type { SourceTracker } from './source-status.ts';

/** A running producer of lines feeding the ingest pipeline. */
export interface Source {
  readonly tracker: SourceTracker;
  start(): void;
  /** Stops reading; resolves once the last batch it started is committed. */
  stop(): Promise<void>;
}
