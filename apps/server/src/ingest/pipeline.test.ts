import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLine, type ParsedEvent } from '@exectree/domain';
import { SqliteEventStore } from '../store/sqlite-event-store.ts';
import { createIngestPipeline } from './pipeline.ts';
import { SourceTracker } from './source-status.ts';
import { splitText } from './line-splitter.ts';

const EXIT = JSON.stringify({
  process_exit: { process: { exec_id: 'bm9kZToxOjE=', pid: 1, binary: '/bin/true' } },
  node_name: 'node',
  time: '2024-01-01T00:00:00Z',
});

let dir: string;
let store: SqliteEventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-pipeline-test-'));
  store = new SqliteEventStore(join(dir, 'events.db'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ingest pipeline', () => {
  it('counts, logs and stores one batch, applying only new events', () => {
    const applied: ParsedEvent[] = [];
    const logs: string[] = [];
    const pipeline = createIngestPipeline({
      store,
      writer: { apply: (event) => applied.push(event) },
      log: (line) => logs.push(line),
      parse: parseLine,
    });
    const source = new SourceTracker('test', 'file', 'x');

    const first = pipeline.ingest(source, splitText(`${EXIT}\nnot json\n\n${EXIT}\n`));
    expect(first).toMatchObject({ accepted: 2, rejected: 1, inserted: 1 });
    expect(first.errors).toEqual([{ line: 2, error: expect.any(String) }]);
    expect(logs).toEqual([expect.stringMatching(/^test: line 2: /)]);
    expect(applied).toHaveLength(1);

    const second = pipeline.ingest(source, splitText(EXIT));
    expect(second).toMatchObject({ accepted: 1, inserted: 0 });
    expect(applied).toHaveLength(1);
    expect(source.snapshot()).toMatchObject({ linesRead: 5, accepted: 3, rejected: 1 });
  });

  it('keeps the event and the stream when applying one event throws', () => {
    const logs: string[] = [];
    const pipeline = createIngestPipeline({
      store,
      writer: {
        apply: () => {
          throw new Error('boom');
        },
      },
      log: (line) => logs.push(line),
    });
    const result = pipeline.ingest(new SourceTracker('s', 'stdin', '-'), splitText(EXIT));
    expect(result.inserted).toBe(1);
    expect(store.count()).toBe(1);
    expect(logs).toEqual(['s: line 1: could not apply event: boom']);
  });

  it('logs a summary instead of every rejection of a huge batch', () => {
    const logs: string[] = [];
    const pipeline = createIngestPipeline({
      store,
      writer: { apply: () => {} },
      log: (l) => logs.push(l),
    });
    const lines = splitText(Array.from({ length: 250 }, () => 'x').join('\n'));
    expect(pipeline.ingest(new SourceTracker('h', 'http', 'POST'), lines).rejected).toBe(250);
    expect(logs).toHaveLength(101);
    expect(logs.at(-1)).toBe('h: 150 more rejected lines in this batch');
  });
});
