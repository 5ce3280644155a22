import type { NumberedLine } from '../ingest/line-splitter.ts';
import type { IngestPipeline } from '../ingest/pipeline.ts';

export interface PendingCommit {
  lines: NumberedLine[];
  done(): void;
  fail(error: Error): void;
}

/**
 * A pipeline whose every batch commits only when the test settles it, as PostgreSQL's
 * pipeline answers with a `committed` promise; `commits` holds the batches in order.
 */
export function committingLater(): { pipeline: IngestPipeline; commits: PendingCommit[] } {
  const commits: PendingCommit[] = [];
  const pipeline: IngestPipeline = {
    ingest(_source, lines) {
      let done = () => {};
      let fail: (error: Error) => void = () => {};
      const committed = new Promise<void>((resolve, reject) => {
        done = resolve;
        fail = reject;
      });
      commits.push({ lines: [...lines], done, fail });
      return { accepted: lines.length, rejected: 0, errors: [], inserted: 0, committed };
    },
  };
  return { pipeline, commits };
}
