import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileSource } from './file-source.ts';
import { SourceTracker } from './source-status.ts';
import { committingLater } from '../test-support/committing-later.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-file-source-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

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
      await waitFor('the first batch', () => commits.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(commits).toHaveLength(1);

      commits[0]?.fail(new Error('could not write to PostgreSQL'));
      // The next poll reads the same line again: its position was never committed.
      await waitFor('the second batch', () => commits.length === 2);
      expect(tracker.lastError).toBe('could not write to PostgreSQL');
      expect(commits.map((c) => c.lines.map((l) => l.text))).toEqual([[lines[0]], [lines[0]]]);

      commits[1]?.done();
      await waitFor('the third batch', () => commits.length === 3);
      commits[2]?.done();
      await waitFor('the fourth batch', () => commits.length === 4);
      commits[3]?.done();
      expect(commits.slice(1).map((c) => c.lines[0]?.text)).toEqual(lines);
      expect(commits.map((c) => c.lines[0]?.lineNo)).toEqual([1, 1, 2, 3]);
    } finally {
      await source.stop();
    }
  });
});
