import type { NumberedLine } from '../../line-splitter.ts';
import type { IngestPipeline } from '../../pipeline.ts';

export interface RecordingPipeline extends IngestPipeline {
  readonly lines: NumberedLine[];
  readonly batches: NumberedLine[][];
}

/** Keeps what a source hands over and counts it on the tracker the way the real pipeline does. */
export function recordingPipeline(): RecordingPipeline {
  const lines: NumberedLine[] = [];
  const batches: NumberedLine[][] = [];
  return {
    lines,
    batches,
    ingest(source, batch) {
      batches.push([...batch]);
      lines.push(...batch);
      const rejected = batch.filter((line) => line.error !== undefined).length;
      source.linesRead += batch.length;
      source.rejected += rejected;
      source.accepted += batch.length - rejected;
      return { accepted: batch.length - rejected, rejected, errors: [], inserted: 0 };
    },
  };
}
