import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../store/sqlite-event-store.ts';
import { createDemoSource } from './demo-source.ts';
import { createIngestPipeline, type IngestPipeline } from './pipeline.ts';
import { createStreamSource } from './stream-source.ts';
import { SourceTracker } from './source-status.ts';
import { committingLater } from '../test-support/committing-later.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';

const lineAt = (n: number, time: Date) =>
  JSON.stringify({
    process_exit: {
      process: { exec_id: Buffer.from(`node:${n}:${n}`).toString('base64'), pid: n },
    },
    node_name: 'node',
    time: time.toISOString(),
  });
const line = (n: number) => lineAt(n, new Date('2024-01-01T00:00:00Z'));

let dir: string;
let store: SqliteEventStore;
let pipeline: IngestPipeline;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-source-test-'));
  store = new SqliteEventStore(join(dir, 'events.db'));
  pipeline = createIngestPipeline({ store, writer: { apply: () => {} }, log: () => {} });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('stream and demo sources', () => {
  it('reads a stream until EOF, connected until then', async () => {
    const stream = new PassThrough();
    const tracker = new SourceTracker('stdin', 'stdin', '-');
    const source = createStreamSource({ stream, tracker, pipeline, log: () => {} });
    source.start();
    expect(tracker.connected).toBe(true);
    stream.write(`${line(1)}\n${line(2).slice(0, 10)}`);
    await waitFor('the first line', () => tracker.accepted === 1);
    stream.end(line(2).slice(10));
    await once(stream, 'end');
    await waitFor('the end of input', () => !tracker.connected);
    expect(tracker.snapshot()).toMatchObject({ linesRead: 2, accepted: 2, rejected: 0 });
    await source.stop();
  });

  it('reads no further while a batch waits for a store that commits later (PostgreSQL)', async () => {
    const { pipeline: later, commits } = committingLater();
    const stream = new PassThrough();
    const tracker = new SourceTracker('stdin', 'stdin', '-');
    const logged: string[] = [];
    const source = createStreamSource({
      stream,
      tracker,
      pipeline: later,
      log: (text) => logged.push(text),
    });
    source.start();
    stream.write(`${line(1)}\n`);
    await waitFor('the first batch', () => commits.length === 1);
    stream.write(`${line(2)}\n`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(commits).toHaveLength(1);
    commits[0]?.fail(new Error('connection to the database lost'));
    await waitFor('the second batch', () => commits.length === 2);
    expect(tracker.lastError).toBe('connection to the database lost');
    expect(logged).toContain('stdin: connection to the database lost');
    stream.end();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(tracker.connected).toBe(true);
    commits[1]?.done();
    await waitFor('the end of input', () => !tracker.connected);
    await source.stop();
  });

  it('replays the lines already due, then releases the others as their time comes', async () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    let clock = start;
    let n = 0;
    const lines: Iterator<string> = {
      // One line per simulated second, starting 100 s before the clock.
      next: () => ({ done: false, value: lineAt(++n, new Date(start - 100_000 + n * 1000)) }),
    };
    const tracker = new SourceTracker('demo', 'demo', 'simulator');
    const source = createDemoSource({
      lines,
      tracker,
      pipeline,
      log: () => {},
      now: () => clock,
      burstBatchLines: 30,
      tickMs: 5,
    });
    source.start();
    await waitFor('the lines already due', () => tracker.accepted === 100);
    clock += 10_000;
    await waitFor('the next ten seconds of lines', () => tracker.accepted === 110);
    await source.stop();
    expect(tracker.connected).toBe(false);
    clock += 10_000;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(tracker.accepted).toBe(110);
  });
});
