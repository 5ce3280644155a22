import { generateLines } from '@exectree/simulator';
import { createFileSource } from '../../src/ingest/file-source.ts';
import { createIngestPipeline } from '../../src/ingest/pipeline.ts';
import type { Source } from '../../src/ingest/source.ts';
import { SourceTracker } from '../../src/ingest/source-status.ts';
import { SqliteEventStore } from '../../src/store/sqlite-event-store.ts';

export interface Follower {
  store: SqliteEventStore;
  tracker: SourceTracker;
  source: Source;
  logs: string[];
  /** Stops the source, then closes the store. */
  stop(): Promise<void>;
}

/** A file source on a real SQLite store, without the HTTP server around it. */
export function followFile(path: string, db: string, pollIntervalMs = 20): Follower {
  const store = new SqliteEventStore(db);
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const pipeline = createIngestPipeline({ store, writer: { apply: () => undefined }, log });
  const tracker = new SourceTracker(`file:${path}`, 'file', path);
  const source = createFileSource({ path, tracker, pipeline, cursors: store, log, pollIntervalMs });
  source.start();
  return {
    store,
    tracker,
    source,
    logs,
    async stop() {
      await source.stop();
      store.close();
    },
  };
}

/** Distinct, valid export lines: `sizes` consecutive groups of the simulated stream. */
export function lineGroups<const Sizes extends readonly number[]>(
  ...sizes: Sizes
): { [K in keyof Sizes]: string[] } {
  const all = generateLines({ seed: 7, count: sizes.reduce((a, b) => a + b, 0) });
  if (new Set(all).size !== all.length) throw new Error('simulated lines are not distinct');
  let start = 0;
  const groups = sizes.map((size) => all.slice(start, (start += size)));
  return groups as { [K in keyof Sizes]: string[] };
}

/** Lines as file content, each ended by a newline. */
export function text(lines: readonly string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}
