import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  ProcessTreeBuilder,
  parseLine,
  type GroupsResponse,
  type InfoResponse,
  type IngestResponse,
  type SearchResponse,
  type TreeResponse,
} from '@exectree/domain';
import { floodLines } from '../scripts/flood/flood-lines.ts';
import { SqliteEventStore } from '../src/store/sqlite-event-store.ts';
import { killLeftovers, runCli } from './helpers/cli-process.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { waitFor } from './helpers/wait-for.ts';

let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(() => {
  killLeftovers();
  temp.cleanup();
});

const json = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

/** What the server shows: every group and its tree. */
async function shownTrees(url: string) {
  const { groups } = await json<GroupsResponse>(`${url}/api/v1/groups`);
  const trees: Record<string, TreeResponse> = {};
  for (const group of groups) {
    const [kind, ...rest] = group.key.split('/');
    const path =
      kind === 'pod'
        ? `pods/${rest.join('/')}`
        : kind === 'host'
          ? `hosts/${rest.join('/')}`
          : `containers/${rest.join('/')}`;
    trees[group.key] = await json<TreeResponse>(`${url}/api/v1/${path}/tree`);
  }
  return { groups, trees };
}

/** The same, built afresh from the stored events by a new builder. */
function rebuiltTrees(db: string) {
  const store = new SqliteEventStore(db);
  const builder = new ProcessTreeBuilder();
  try {
    for (const event of store.replay()) {
      const parsed = parseLine(event.raw);
      if (parsed.kind === 'event') builder.apply(parsed.event);
    }
  } finally {
    store.close();
  }
  const groups = builder.groups();
  const trees: Record<string, TreeResponse> = {};
  for (const group of groups) {
    const markers = builder.markers().filter((m) => m.node === group.node);
    trees[group.key] = { roots: builder.tree(group.key), markers };
  }
  return JSON.parse(JSON.stringify({ groups, trees })) as Awaited<ReturnType<typeof shownTrees>>;
}

function storedLines(db: string): Set<string> {
  const store = new SqliteEventStore(db);
  try {
    return new Set([...store.replay()].map((event) => event.raw));
  } finally {
    store.close();
  }
}

describe('kill -9 during heavy ingest', () => {
  it('keeps every acknowledged event, an intact database and the file position', async () => {
    const db = join(temp.dir, 'exectree.db');
    const file = join(temp.dir, 'tetragon.log');
    const fileLines = floodLines({ firstPid: 1_000_000, pods: 4 });
    const postLines = floodLines({ firstPid: 5_000_000, pods: 4 });
    let appended = 0;
    writeFileSync(file, '');
    const args = [
      'serve',
      '--no-demo',
      '--port',
      '0',
      '--db',
      db,
      '--file',
      file,
      '--retention-age',
      '0',
    ];
    const first = runCli(args, temp.dir);
    const url = await first.listening();

    // Load: the followed file grows, and three clients POST batches without pause.
    let loading = true;
    const appender = (async () => {
      while (loading) {
        const batch = fileLines.next(100);
        appendFileSync(file, batch.map((line) => `${line}\n`).join(''));
        appended += batch.length;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const acknowledged: string[][] = [];
    let inFlight = 0;
    const poster = async () => {
      while (loading) {
        const batch = postLines.next(100);
        inFlight += 1;
        try {
          const response = await fetch(`${url}/api/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-ndjson' },
            body: batch.join('\n'),
          });
          if (response.status === 200) {
            const body = (await response.json()) as IngestResponse;
            expect(body.accepted).toBe(batch.length);
            acknowledged.push(batch);
          }
        } catch {
          // The server was killed under this request: it was never acknowledged.
        } finally {
          inFlight -= 1;
        }
      }
    };
    const posters = [poster(), poster(), poster()];
    await waitFor(
      'acknowledged POSTs and file lines read',
      async () => {
        const info = await json<InfoResponse>(`${url}/api/v1/info`);
        const read = info.sources.find((s) => s.kind === 'file')?.accepted ?? 0;
        return acknowledged.length >= 10 && read >= 1_000;
      },
      { timeoutMs: 20_000 },
    );
    expect(inFlight).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    loading = false;
    await Promise.all([appender, ...posters]);

    // The database survived: SQLite's own check, every acknowledged line, a file cursor.
    const check = new Database(db);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const afterCrash = storedLines(db);
    const acked = acknowledged.flat();
    expect(acked.length).toBeGreaterThanOrEqual(1_000);
    expect(acked.filter((line) => !afterCrash.has(line))).toEqual([]);
    const cursorStore = new SqliteEventStore(db);
    const cursor = cursorStore.readCursor(resolve(file));
    cursorStore.close();
    expect(cursor?.line).toBeGreaterThan(0);

    // Restart on the same store: the file continues where the cursor says.
    const second = runCli(args, temp.dir);
    const url2 = await second.listening();
    const total = readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    expect(total).toBe(appended);
    await waitFor(
      'the rest of the file',
      async () => {
        const info = await json<InfoResponse>(`${url2}/api/v1/info`);
        // The CLI listens while it rebuilds the trees from the store: wait for both.
        return (
          info.rebuild == null &&
          info.sources.find((s) => s.kind === 'file')?.linesRead === total - (cursor?.line ?? 0)
        );
      },
      { timeoutMs: 20_000 },
    );
    expect(second.stderr()).toContain(
      `resuming at line ${(cursor?.line ?? 0) + 1} (byte ${cursor?.offset})`,
    );

    // Clients retrying what they sent changes nothing.
    const before = await shownTrees(url2);
    for (const batch of acknowledged.slice(0, 5)) {
      const retry = await fetch(`${url2}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson' },
        body: batch.join('\n'),
      });
      expect(((await retry.json()) as IngestResponse).accepted).toBe(batch.length);
    }
    const shown = await shownTrees(url2);
    expect(shown).toEqual(before);
    const processes = shown.groups.reduce((sum, group) => sum + group.processes, 0);
    const search = await json<SearchResponse>(`${url2}/api/v1/search?namespace=flood&limit=1`);
    expect(search.total).toBe(processes);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // Every line of the file is stored once, and the trees are what a fresh build makes.
    const stored = storedLines(db);
    const missing = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !stored.has(line));
    expect(missing).toEqual([]);
    expect(stored.size).toBe(new Set([...afterCrash, ...stored]).size);
    expect(shown).toEqual(rebuiltTrees(db));
  }, 60_000);
});
