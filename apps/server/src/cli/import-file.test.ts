import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_LISTED_INGEST_ERRORS } from '@exectree/domain';
import { contentHash } from '../ingest/domain-parsing.ts';
import { parseBatch } from '../ingest/parallel/parse-batch.ts';
import { ParsePool, type BatchParser } from '../ingest/parallel/parse-pool.ts';
import type { EventColumns } from '../store/event-columns.ts';
import { MEMORY_DB, SqliteEventStore } from '../store/sqlite-event-store.ts';
import { IMPORT_BATCH_LINES, LISTED_REJECTIONS, StoreFailure, importFile } from './import-file.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-import-file-test-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const line = (n: number) =>
  JSON.stringify({ process_exec: { process: { exec_id: `id-${n}`, pid: n } }, node_name: 'n' });

/** Parses in this thread, answering later batches sooner: order is up to importFile. */
function reorderingParser(): BatchParser {
  let calls = 0;
  return {
    size: 3,
    async parse(texts) {
      calls += 1;
      await sleep(calls % 3 === 1 ? 15 : 0);
      return parseBatch(texts);
    },
    close: async () => undefined,
  };
}

describe('importFile', () => {
  it('stores batches in file order and names rejected lines by their number', async () => {
    const count = IMPORT_BATCH_LINES * 4 + 10;
    const bad = new Set([5, IMPORT_BATCH_LINES + 1, IMPORT_BATCH_LINES * 3 + 7]);
    const lines = Array.from({ length: count }, (_, i) => (bad.has(i + 1) ? '{oops' : line(i + 1)));
    const path = join(dir, 'events.jsonl');
    // Line 2 is not UTF-8: refused while reading, before any parsing.
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(`${lines[0]}\n`),
        Buffer.from([0xff, 0xfe, 0x0a]),
        Buffer.from(`${lines.slice(2).join('\n')}\n`),
      ]),
    );
    const stored: string[] = [];
    const rejected: [number, string][] = [];
    const result = await importFile(path, {
      parser: reorderingParser(),
      store(columns: EventColumns) {
        stored.push(...columns.raws);
        return columns.raws.length - (stored.length > count - 5 ? 1 : 0);
      },
      rejected: (lineNo, reason) => rejected.push([lineNo, reason]),
      progress: () => undefined,
    });
    const expected = lines.filter((_, i) => i !== 1 && !bad.has(i + 1));
    expect(stored).toEqual(expected);
    expect(rejected.map(([lineNo]) => lineNo)).toEqual([2, ...bad]);
    expect(rejected[0]?.[1]).toBe('invalid UTF-8');
    expect(rejected[1]?.[1]).toMatch(/^invalid JSON/);
    expect(result.totals).toEqual({
      lines: count,
      accepted: expected.length,
      duplicates: 1,
      rejected: 4,
    });
  });

  it('ends with StoreFailure when the store or the parser fails', async () => {
    const path = join(dir, 'events.jsonl');
    writeFileSync(path, `${line(1)}\n${line(2)}\n`);
    const deps = {
      parser: reorderingParser(),
      store: (): number => {
        throw new Error('disk full');
      },
      rejected: () => undefined,
      progress: () => undefined,
    };
    await expect(importFile(path, deps)).rejects.toThrow(new StoreFailure('disk full'));
    const broken = {
      size: 1,
      parse: () => Promise.reject(new Error('worker died')),
      close: async () => undefined,
    };
    await expect(importFile(path, { ...deps, parser: broken })).rejects.toThrow(StoreFailure);
  });

  it('stores what was read before a read error and reports the error', async () => {
    const result = await importFile(join(dir, 'missing.jsonl'), {
      parser: reorderingParser(),
      store: (columns) => columns.raws.length,
      rejected: () => undefined,
      progress: () => undefined,
    });
    expect(result.readError).toBeInstanceOf(Error);
    expect(result.totals.lines).toBe(0);
  });

  it('parses in worker threads into a store that dedupes and replays in file order', async () => {
    const path = join(dir, 'events.jsonl');
    const lines = Array.from({ length: 2_500 }, (_, i) => line(i % 2_000));
    writeFileSync(path, `${lines.join('\n')}\n{"broken"\n`);
    const pool = new ParsePool(2);
    const store = new SqliteEventStore(MEMORY_DB);
    const rejected: number[] = [];
    try {
      const result = await importFile(path, {
        parser: pool,
        store: (columns) => store.appendColumns(columns),
        rejected: (lineNo) => rejected.push(lineNo),
        progress: () => undefined,
      });
      expect(result.totals).toEqual({
        lines: 2_501,
        accepted: 2_500,
        duplicates: 500,
        rejected: 1,
      });
      expect(rejected).toEqual([2_501]);
      const stored = [...store.replay()];
      expect(stored.map((event) => event.raw)).toEqual(lines.slice(0, 2_000));
      expect(stored.map((event) => event.id)).toEqual(lines.slice(0, 2_000).map(contentHash));
    } finally {
      store.close();
      await pool.close();
    }
  });
});

/** A copy kept out of the domain package's index for start-up time must not drift. */
describe('LISTED_REJECTIONS', () => {
  it('lists as many rejected lines as the API', () => {
    expect(LISTED_REJECTIONS).toBe(MAX_LISTED_INGEST_ERRORS);
  });
});
