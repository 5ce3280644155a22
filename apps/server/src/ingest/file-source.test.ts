import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NumberedLine } from './line-splitter.ts';
import { createFileSource } from './file-source.ts';
import type { IngestPipeline } from './pipeline.ts';
import { SourceTracker } from './source-status.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-file-source-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met in time: ${String(condition)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface PendingCommit {
  lines: NumberedLine[];
  done(): void;
  fail(error: Error): void;
}

/** A pipeline whose every batch commits only when the test says so, as PostgreSQL's does. */
function committingLater() {
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

describe('file source with a store that commits later', () => {
  it('reads nothing more until a batch is committed, and reads a failed one again', async () => {
    const path = join(dir, 'tetragon.log');
    const lines = ['{"a":1}', '{"b":2}', '{"c":3}'];
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { pipeline, commits } = committingLater();
    const tracker = new SourceTracker(`file:${path}`, 'file', path);
    const logged: string[] = [];
    const source = createFileSource({
      path,
      tracker,
      pipeline,
      cursors: { readCursor: () => Promise.resolve(undefined) },
      log: (text) => logged.push(text),
      pollIntervalMs: 20,
      // One line per chunk: each is its own batch.
      chunkBytes: 8,
    });
    source.start();
    try {
      await until(() => commits.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(commits).toHaveLength(1);

      commits[0]?.fail(new Error('could not write to PostgreSQL'));
      // The next poll reads the same line again: its position was never committed.
      await until(() => commits.length === 2);
      expect(tracker.lastError).toBe('could not write to PostgreSQL');
      expect(commits.map((c) => c.lines.map((l) => l.text))).toEqual([[lines[0]], [lines[0]]]);

      commits[1]?.done();
      await until(() => commits.length === 3);
      commits[2]?.done();
      await until(() => commits.length === 4);
      commits[3]?.done();
      expect(commits.slice(1).map((c) => c.lines[0]?.text)).toEqual(lines);
      expect(commits.map((c) => c.lines[0]?.lineNo)).toEqual([1, 1, 2, 3]);
    } finally {
      await source.stop();
    }
  });
});
