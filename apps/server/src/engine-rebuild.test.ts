import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { ProcessTreeBuilder, parseLine, type Process } from '@exectree/domain';
import { generateLines } from '@exectree/simulator';
import { openEngine, type Engine } from './engine.ts';
import { shownTrees } from './test-support/shown-trees.ts';

const dirs: string[] = [];
const engines: Engine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exectree-rebuild-'));
  dirs.push(dir);
  return join(dir, 'events.db');
}

function open(db: string, sliceMs?: number): Engine {
  const engine = openEngine({
    db,
    log: () => undefined,
    ...(sliceMs === undefined ? {} : { rebuildSliceMs: sliceMs }),
  });
  engines.push(engine);
  return engine;
}

async function close(engine: Engine): Promise<void> {
  engines.splice(engines.indexOf(engine), 1);
  await engine.close();
}

const sources = new WeakMap<Engine, ReturnType<Engine['sources']['add']>>();

function ingest(engine: Engine, lines: readonly string[]): void {
  let source = sources.get(engine);
  if (!source) {
    source = engine.sources.add('test', 'http', 'test');
    sources.set(engine, source);
  }
  engine.pipeline.ingest(
    source,
    lines.map((text, index) => ({ text, lineNo: index + 1 })),
  );
}

function fromScratch(lines: readonly string[]) {
  const builder = new ProcessTreeBuilder();
  for (const line of lines) {
    const parsed = parseLine(line);
    if (parsed.kind === 'event') builder.apply(parsed.event);
  }
  return shownTrees(builder);
}

/** Search rows, once the feed drained and the deferred row writes ran. */
async function rows(engine: Engine): Promise<Process[]> {
  engine.changes.flush();
  await nextTurn();
  return (await engine.processes.search({ limit: 100_000 })).processes;
}

/** Rows whose cwd the test tampered with, read beside the engine's own connection. */
function tamperedRows(db: string): unknown {
  const reader = new Database(db, { readonly: true });
  try {
    return reader
      .prepare(
        `SELECT COUNT(*) AS n FROM processes WHERE json_extract(json, '$.cwd') = '/tampered'`,
      )
      .get();
  } finally {
    reader.close();
  }
}

const byId = (processes: readonly Process[]) =>
  [...processes].sort((a, b) => (a.execId < b.execId ? -1 : 1));

describe('rebuilding the trees in the background', () => {
  it('applies events ingested during the rebuild once, ending where a full build ends', async () => {
    const lines = generateLines({ seed: 7, count: 6_000 });
    const stored = lines.slice(0, 4_000);
    const live = lines.slice(4_000);
    const db = tempDb();
    const first = open(db);
    ingest(first, stored);
    await close(first);

    const engine = open(db, 1);
    expect(engine.rebuild.progress()).toEqual({ replayed: expect.any(Number), total: 4_000 });
    let batches = 0;
    let during = 0;
    while (engine.rebuild.progress() !== null) {
      // New lines, and lines already stored (a shipper retrying), between slices.
      const next = live.slice(batches * 100, batches * 100 + 100);
      ingest(engine, [...next, ...stored.slice(batches * 50, batches * 50 + 50)]);
      during += next.length;
      batches += 1;
      await nextTurn();
    }
    await engine.rebuild.done;
    expect(during).toBeGreaterThan(0);
    const rest = live.slice(during);
    ingest(engine, rest);

    expect(shownTrees(engine.builder)).toEqual(fromScratch(lines));
    expect(engine.store.count()).toBe(new Set(lines).size);
    expect(byId(await rows(engine))).toEqual(byId(shownTrees(engine.builder).processes.flat()));
  });

  it('reports progress until done, then null', async () => {
    const db = tempDb();
    const first = open(db);
    ingest(first, generateLines({ seed: 3, count: 3_000 }));
    await close(first);

    const engine = open(db, 1);
    const seen: number[] = [];
    for (let progress = engine.rebuild.progress(); progress !== null;) {
      seen.push(progress.replayed);
      await nextTurn();
      progress = engine.rebuild.progress();
    }
    await engine.rebuild.done;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.every((replayed) => replayed <= 3_000)).toBe(true);
  });

  it('trusts the rows after a clean close, and repairs them after a crash', async () => {
    const lines = generateLines({ seed: 5, count: 2_000 });
    const db = tempDb();
    const first = open(db);
    ingest(first, lines);
    const expected = byId(await rows(first));
    await close(first);

    // A clean close leaves rows that need no comparing: a row changed behind the server's back stays.
    const raw = new Database(db);
    raw
      .prepare(`UPDATE processes SET json = json_set(json, '$.cwd', '/tampered') WHERE rowid = 1`)
      .run();
    raw.close();
    const second = open(db);
    await second.rebuild.done;
    expect(tamperedRows(db)).toEqual({ n: 1 });
    await close(second);

    // A crash leaves no mark: the next start compares and repairs every row.
    const crashed = new Database(db);
    crashed.prepare(`DELETE FROM store_meta WHERE key = 'clean_shutdown'`).run();
    crashed.prepare(`DELETE FROM processes WHERE rowid = 2`).run();
    crashed.close();
    const third = open(db);
    await third.rebuild.done;
    expect(tamperedRows(db)).toEqual({ n: 0 });
    expect(byId(await rows(third))).toEqual(expected);
  });
});
