import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  parseLine,
  type GroupSummary,
  type GroupsResponse,
  type Process,
  type TreeReader,
} from '@exectree/domain';
import { generateLines } from '@exectree/simulator';
import { execIdOf, execLine } from './helpers/events.ts';
import * as lines from './helpers/process-lines.ts';
import { openLiveClient, findMessage } from './helpers/live-client.ts';
import { runCli, killLeftovers } from './helpers/cli-process.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { getJson, postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { waitFor } from './helpers/wait-for.ts';

let postgres: TestPostgres;
const servers: TestServer[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterEach(async () => {
  killLeftovers();
  for (const server of servers.splice(0)) await server.stop();
});

afterAll(async () => {
  await postgres?.stop();
});

const DAY = 24 * 60 * 60 * 1000;
const WEEK = { maxAgeMs: 7 * DAY, maxBytes: 0 };

async function start(db?: string, retention?: typeof WEEK): Promise<TestServer> {
  const server = await startTestServer({
    ...(db === undefined ? {} : { db }),
    ...(retention === undefined ? {} : { retention }),
  });
  servers.push(server);
  return server;
}

/** A small deterministic PRNG, so a failing split can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything a tree shows, group by group. */
function snapshot(reader: TreeReader): { groups: GroupSummary[]; processes: Process[][] } {
  const groups = reader.groups();
  return { groups, processes: groups.map((group) => reader.processes(group.key)) };
}

/** As a shipper does: a replica that sheds load (429, 503) gets the batch again shortly. */
async function post(server: TestServer, body: string): Promise<number> {
  for (;;) {
    const result = await postEvents(server, body);
    if (result.status !== 429 && result.status !== 503) return result.status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function postAll(server: TestServer, lines: readonly string[], batch = 500): Promise<void> {
  for (let start = 0; start < lines.length; start += batch) {
    expect(await post(server, lines.slice(start, start + batch).join('\n'))).toBe(200);
  }
}

describe('replicas on one PostgreSQL database', () => {
  it('build exactly the tree one SQLite server builds from a chaos stream split between them', async () => {
    const lines = generateLines({ seed: 11, count: 5_000, chaos: true });
    const reference = await start();
    await postAll(reference, lines);

    const url = await postgres.createDatabase();
    const [a, b] = [await start(url), await start(url)] as const;
    const random = prng(5);
    const shares: string[][] = [[], []];
    for (const line of lines) shares[random() < 0.5 ? 0 : 1]?.push(line);
    const posts: Promise<void>[] = [];
    shares.forEach((share, index) => {
      const target = index === 0 ? a : b;
      for (let start = 0; start < share.length;) {
        const size = 1 + Math.floor(random() * 400);
        const body = share.slice(start, start + size).join('\n');
        posts.push(
          post(target, body).then((status) => {
            expect(status).toBe(200);
          }),
        );
        start += size;
      }
    });
    await Promise.all(posts);

    const expected = snapshot(reference.engine.builder);
    expect(expected.groups.length).toBeGreaterThan(5);
    for (const replica of [a, b]) {
      await waitFor(
        'the replica to hold the whole tree',
        () =>
          JSON.stringify(snapshot(replica.engine.builder).groups) ===
          JSON.stringify(expected.groups),
        { timeoutMs: 15_000 },
      );
      expect(snapshot(replica.engine.builder)).toEqual(expected);
      const groups = await getJson<GroupsResponse>(replica, '/api/v1/groups');
      expect(groups.body.groups).toEqual(expected.groups);
    }
    // Search reads the process rows the leader writes: the same rows as SQLite's.
    const all = async (server: TestServer) =>
      (await server.engine.processes.search({ limit: 10_000 })).processes;
    const rows = await all(reference);
    await waitFor(
      'process rows',
      async () => JSON.stringify(await all(a)) === JSON.stringify(rows),
      { timeoutMs: 15_000 },
    );
    expect(await all(b)).toEqual(rows);
    expect(await a.engine.store.count()).toBe(await reference.engine.store.count());
  }, 90_000);

  it('sends a browser on replica B, within a second, a process posted to replica A', async () => {
    const url = await postgres.createDatabase();
    const [a, b] = [await start(url), await start(url)] as const;
    const { client, received } = openLiveClient(b.url);
    try {
      const ack = await client.emitWithAck('tree:subscribe', {
        filter: { namespace: 'shop' },
      });
      expect(ack.ok).toBe(true);
      await waitFor('the tree snapshot', () => findMessage(received, 'tree:snapshot'));
      const spec = { pid: 4242, binary: '/usr/bin/curl', pod: { namespace: 'shop', name: 'cart' } };
      const from = received.length;
      const posted = Date.now();
      expect(await post(a, execLine(spec))).toBe(200);
      const delta = await waitFor(
        'the delta on replica B',
        () =>
          received
            .slice(from)
            .find(
              (message) =>
                message.event === 'tree:delta' &&
                JSON.stringify(message.payload).includes(execIdOf(spec)),
            ),
        { timeoutMs: 1_000, intervalMs: 5 },
      );
      expect(Date.now() - posted).toBeLessThan(1_000);
      expect(delta.payload).toMatchObject({
        upserts: [{ execId: execIdOf(spec), group: 'pod/shop/cart' }],
      });
    } finally {
      client.close();
    }
  });

  it('lets an ingest-only replica store and merge for the others without holding a tree', async () => {
    const url = await postgres.createDatabase();
    const full = await start(url);
    const ingest = await startTestServer({ db: url, role: 'ingest' });
    servers.push(ingest);
    const spec = { pid: 77, binary: '/usr/bin/env', pod: { namespace: 'ops', name: 'job' } };
    expect(await post(ingest, execLine(spec))).toBe(200);
    await waitFor('the full replica', () => full.engine.builder.process(execIdOf(spec)));
    expect(ingest.engine.builder.groups()).toEqual([]);
    expect(ingest.logs.some((line) => line.includes('now writes process rows'))).toBe(false);
  });

  it('follows a file chunk by chunk, each committed before the next, and resumes at its cursor', async () => {
    const url = await postgres.createDatabase();
    const temp = makeTempDir();
    try {
      const path = join(temp.dir, 'tetragon.log');
      // About 2 KB a line: many 256 KiB chunks, each its own commit.
      const all = generateLines({ seed: 31, count: 3_000 });
      writeFileSync(path, `${all.slice(0, 2_000).join('\n')}\n`);
      const first = await startTestServer({ db: url, files: [path], filePollIntervalMs: 50 });
      servers.push(first);
      const fileSource = (server: TestServer) =>
        server.engine.sources.list().find((source) => source.kind === 'file');
      await waitFor('the first 2,000 lines', () => fileSource(first)?.accepted === 2_000);
      await waitFor('all stored', async () => (await first.engine.store.count()) === 2_000);
      await first.stop();
      servers.splice(servers.indexOf(first), 1);

      appendFileSync(path, `${all.slice(2_000).join('\n')}\n`);
      const second = await startTestServer({ db: url, files: [path], filePollIntervalMs: 50 });
      servers.push(second);
      await waitFor('the appended lines', () => fileSource(second)?.accepted === 1_000);
      expect(fileSource(second)?.linesRead).toBe(1_000);
      expect(second.logs).toContainEqual(expect.stringMatching(/resuming at line 2001/));
      await waitFor('all stored', async () => (await second.engine.store.count()) === 3_000);
    } finally {
      temp.cleanup();
    }
  });

  it('loses nothing a replica acknowledged when it is killed with SIGKILL', async () => {
    const url = await postgres.createDatabase();
    const temp = makeTempDir();
    const cli = runCli(['serve', '--db', url, '--port', '0', '--no-demo'], temp.dir);
    try {
      const base = await cli.listening();
      const lines = generateLines({ seed: 23, count: 3_000, chaos: true });
      const acknowledged: string[] = [];
      let next = 0;
      // Three writers keep batches in flight; the replica dies while some are.
      const send = (body: string[]) =>
        fetch(`${base}/api/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson' },
          body: body.join('\n'),
        });
      const writer = async () => {
        while (next < lines.length) {
          const body = lines.slice(next, next + 100);
          next += 100;
          try {
            let response = await send(body);
            while (response.status === 429) {
              await new Promise((resolve) => setTimeout(resolve, 100));
              response = await send(body);
            }
            if (response.status !== 200) return;
            acknowledged.push(...body);
          } catch {
            return; // In flight when the replica died: not acknowledged.
          }
          if (acknowledged.length >= 1_500) cli.child.kill('SIGKILL');
        }
      };
      await Promise.all([writer(), writer(), writer()]);
      await cli.exited;
      expect(acknowledged.length).toBeGreaterThan(0);

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const stored = await client.query<{ id: string; raw: string }>('SELECT id, raw FROM events');
      await client.end();
      const storedIds = new Set(stored.rows.map((row) => row.id));
      for (const line of acknowledged) {
        const parsed = parseLine(line);
        if (parsed.kind === 'event') expect(storedIds.has(parsed.event.id)).toBe(true);
      }
      // What was stored was merged in the same transaction: a new replica shows the tree a
      // single server builds from exactly those events.
      const replica = await start(url);
      const reference = await start();
      await postAll(
        reference,
        stored.rows.map((row) => row.raw),
      );
      expect(snapshot(replica.engine.builder)).toEqual(snapshot(reference.engine.builder));
    } finally {
      cli.child.kill('SIGKILL');
      temp.cleanup();
    }
  }, 60_000);

  it('delete old ended subtrees on every replica, drop old partitions and keep what runs', async () => {
    const url = await postgres.createDatabase();
    const [a, b] = [await start(url, WEEK), await start(url, WEEK)] as const;
    const now = Date.now();
    const old = (minute: number) => lines.ago(now, 30 * DAY - minute * 60_000);
    const shim: lines.TestProc = { pid: 5, binary: '/usr/bin/containerd-shim', start: old(0) };
    const init: lines.TestProc = {
      pid: 10,
      binary: '/bin/sh',
      start: old(1),
      parent: shim,
      pod: 'app',
    };
    const make: lines.TestProc = {
      pid: 20,
      binary: '/usr/bin/make',
      start: old(2),
      parent: init,
      pod: 'app',
    };
    const cc: lines.TestProc = {
      pid: 21,
      binary: '/usr/bin/cc',
      start: old(2),
      parent: make,
      pod: 'app',
    };
    const tail: lines.TestProc = {
      pid: 40,
      binary: '/usr/bin/tail',
      start: old(2),
      parent: init,
      pod: 'app',
    };
    const lost: lines.TestProc = {
      pid: 50,
      binary: '/usr/bin/lost',
      start: old(2),
      parent: init,
      pod: 'app',
    };
    const body = [
      lines.execLine(init),
      lines.execLine(make),
      lines.execLine(cc),
      lines.kprobeLine(cc, old(3)),
      lines.exitLine(cc, old(4)),
      lines.exitLine(make, old(5)),
      lines.execLine(tail),
      lines.exitLine(tail, lines.ago(now, 60 * 60_000)),
      lines.exitLine(lost, old(6), { reduced: true }),
      lines.rateLimitLine(old(8)),
      lines.rateLimitLine(lines.ago(now, 60_000)),
    ];
    expect(await post(b, body.join('\n'))).toBe(200);
    const ids = (server: TestServer) =>
      server.engine.builder
        .groups()
        .flatMap((group) => server.engine.builder.processes(group.key).map((p) => p.execId))
        .sort();
    await waitFor('both replicas', () => ids(a).length === 6 && ids(b).length === 6);
    const { client, received } = openLiveClient(b.url);
    try {
      await client.emitWithAck('tree:subscribe', { filter: { group: 'pod/default/app' } });
      const [leader] = [a, b].filter((server) => server.logs.some((l) => l.includes('now writes')));
      expect(leader).toBeDefined();
      const report = await leader?.engine.runRetention(now);
      expect(report).toMatchObject({ subtrees: 2, processes: 3, markers: 1 });

      const kept = [shim, init, tail].map(lines.execIdOf).sort();
      for (const server of [a, b])
        await waitFor(
          'retention everywhere',
          () => JSON.stringify(ids(server)) === JSON.stringify(kept),
        );
      const removed = await waitFor('removes on replica B', () => {
        const all = received.flatMap((m) =>
          m.event === 'tree:delta' ? (m.payload.removes as string[]) : [],
        );
        return [make, cc].every((p) => all.includes(lines.execIdOf(p))) && all;
      });
      expect(removed).toContain(lines.execIdOf(cc));
      expect(b.engine.builder.markers()).toHaveLength(1);
    } finally {
      client.close();
    }

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const partitions = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid`,
    );
    await db.end();
    const cutoffDay = new Date(now - 7 * DAY).toISOString().slice(0, 10).replace(/-/g, '');
    expect(partitions.rows.every((row) => row.name.slice('events_p'.length) >= cutoffDay)).toBe(
      true,
    );
    // The running init's exec line lived in a dropped partition: it was kept.
    expect(await a.engine.store.eventsForProcess(lines.execIdOf(init))).toHaveLength(1);
    expect(await b.engine.store.eventsForProcess(lines.execIdOf(cc))).toEqual([]);
    // A replica started now loads what is left, and nothing comes back.
    const c = await start(url);
    expect(ids(c)).toEqual(ids(a));
    expect(snapshot(c.engine.builder)).toEqual(snapshot(b.engine.builder));
  }, 30_000);
});
