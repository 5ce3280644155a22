import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { generateLines } from '@exectree/simulator';
import {
  endedSubtrees,
  type ClientToServerEvents,
  type MarkersResponse,
  type Process,
  type ServerToClientEvents,
  type TreeDelta,
  type TreeResponse,
} from '@exectree/domain';
import type { RetentionPolicy } from '../src/retention/retention-job.ts';
import {
  ago,
  execIdOf,
  execLine,
  exitLine,
  kprobeLine,
  rateLimitLine,
  type TestProc,
} from './helpers/process-lines.ts';
import { execIdsInMemory } from './helpers/in-memory.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { getJson, postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { findNode } from './helpers/tree.ts';
import { waitFor } from './helpers/wait-for.ts';

const DAY = 24 * 60 * 60 * 1000;
const WEEK: RetentionPolicy = { maxAgeMs: 7 * DAY, maxBytes: 0 };

const servers: TestServer[] = [];
const clients: Socket[] = [];
let temp: ReturnType<typeof makeTempDir>;

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) await server.close();
  temp?.cleanup();
});

async function start(db: string, retention?: RetentionPolicy): Promise<TestServer> {
  const server = await startTestServer({ db, ...(retention && { retention }) });
  servers.push(server);
  return server;
}

/** Every stored row, by exec id. */
async function rowIds(server: TestServer): Promise<string[]> {
  return (await server.engine.processes.search({ limit: 10_000 })).processes
    .map((p) => p.execId)
    .sort();
}

/**
 * init (running) in pod default/app under a host shim known only as a parent, with:
 * a -> a1 exited a month ago (a1 also has a probe event); b exited a month ago but its child
 * b1 still runs; c started a month ago and exited an hour ago; d known only from an exit
 * without exec_id (a stand-in); e whose exit came without exec_id and matched it.
 */
function scenario(now: number) {
  const old = (minute: number) => ago(now, 30 * DAY - minute * 60_000);
  const shim: TestProc = { pid: 5, binary: '/usr/bin/containerd-shim', start: old(0) };
  const init: TestProc = { pid: 10, binary: '/bin/sh', start: old(1), parent: shim, pod: 'app' };
  const child = (pid: number, binary: string): TestProc => ({
    pid,
    binary,
    start: old(2),
    parent: init,
    pod: 'app',
  });
  const a = child(20, '/usr/bin/make');
  const a1: TestProc = { ...child(21, '/usr/bin/cc'), parent: a };
  const b = child(30, '/bin/bash');
  const b1: TestProc = { ...child(31, '/usr/bin/sleep'), parent: b };
  const c = child(40, '/usr/bin/tail');
  const d = child(50, '/usr/bin/lost');
  const e = child(60, '/usr/bin/found');
  const lines = [
    execLine(init),
    execLine(a),
    execLine(a1),
    kprobeLine(a1, old(3)),
    exitLine(a1, old(4)),
    exitLine(a, old(5)),
    execLine(b),
    execLine(b1),
    exitLine(b, old(5)),
    execLine(c),
    exitLine(c, ago(now, 60 * 60_000)),
    exitLine(d, old(6), { reduced: true }),
    execLine(e),
    exitLine(e, old(7), { reduced: true }),
    rateLimitLine(old(8)),
    rateLimitLine(ago(now, 60_000)),
  ];
  const id = execIdOf;
  return {
    lines,
    kept: [shim, init, b, b1, c].map(id).sort(),
    deletedReal: [a, a1, e].map(id),
    init,
    d,
  };
}

function openSocket(server: TestServer) {
  const client: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, {
    transports: ['websocket'],
    reconnection: false,
  });
  clients.push(client);
  const deltas: TreeDelta[] = [];
  client.on('tree:delta', (delta) => deltas.push(delta));
  return { client, deltas };
}

describe('retention by age', () => {
  it('deletes old ended subtrees everywhere, keeps running processes and their ancestors', async () => {
    temp = makeTempDir();
    const db = join(temp.dir, 'retention.db');
    const now = Date.now();
    const s = scenario(now);
    const server = await start(db, WEEK);
    await postEvents(server, s.lines.join('\n'));
    await waitFor(
      'process rows',
      async () => (await rowIds(server)).length === execIdsInMemory(server).length,
    );
    const before = execIdsInMemory(server);
    const standIn = before.find((execId) => execId.startsWith('exit-only:'));
    expect(standIn).toBeDefined();
    expect(before).toHaveLength(s.kept.length + 4);
    const eventsBefore = await server.engine.store.count();

    const { client, deltas } = openSocket(server);
    await client.emitWithAck('tree:subscribe', { filter: { group: 'pod/default/app' } });
    const report = await server.engine.runRetention(now);

    expect(report).toMatchObject({ subtrees: 3, processes: 4, events: 9, markers: 1 });
    expect(execIdsInMemory(server)).toEqual(s.kept);
    expect(await rowIds(server)).toEqual(s.kept);
    expect(await server.engine.store.count()).toBe(eventsBefore - 9);
    for (const execId of [...s.deletedReal, standIn ?? '']) {
      expect(await server.engine.store.eventsForProcess(execId)).toEqual([]);
    }
    expect(server.engine.metrics.retentionDeleted.get()).toBe(9);
    const removed = await waitFor('tree:delta removes', () => {
      const all = deltas.flatMap((delta) => delta.removes);
      return [...s.deletedReal, standIn].every((execId) => all.includes(execId ?? '')) && all;
    });
    expect(removed.sort()).toEqual([...s.deletedReal, standIn ?? ''].sort());
    const tree = await getJson<TreeResponse>(server, '/api/v1/pods/default/app/tree');
    expect(findNode(tree.body.roots, (node) => node.binary === '/usr/bin/make')).toBeUndefined();
    expect(findNode(tree.body.roots, (node) => node.binary === '/usr/bin/sleep')).toBeDefined();
    const markers = await getJson<MarkersResponse>(server, '/api/v1/markers');
    expect(markers.body.markers).toHaveLength(1);

    // A rebuild from what is left must not bring anything back (stand-ins included).
    const treeBefore = tree.body;
    await server.close();
    const again = await start(db, WEEK);
    expect(execIdsInMemory(again)).toEqual(s.kept);
    expect(await rowIds(again)).toEqual(s.kept);
    expect((await getJson<TreeResponse>(again, '/api/v1/pods/default/app/tree')).body).toEqual(
      treeBefore,
    );
    expect(again.logs.some((line) => line.startsWith('retention: deleted'))).toBe(false);
  });

  it('runs at start, and deletes nothing with the age limit off', async () => {
    temp = makeTempDir();
    const db = join(temp.dir, 'start.db');
    const s = scenario(Date.now());
    const first = await start(db);
    await postEvents(first, s.lines.join('\n'));
    expect(await first.engine.runRetention()).toMatchObject({ processes: 0, events: 0 });
    await first.close();

    const off = await start(db, { maxAgeMs: 0, maxBytes: 0 });
    expect(execIdsInMemory(off)).toHaveLength(s.kept.length + 4);
    await off.close();

    const on = await start(db, WEEK);
    expect(on.logs).toContainEqual(expect.stringMatching(/^retention: deleted 4 processes/));
    expect(execIdsInMemory(on)).toEqual(s.kept);
    expect(await rowIds(on)).toEqual(s.kept);
  });
});

describe('retention by size', () => {
  /** Loads a simulated cluster and returns its processes, as the store had them. */
  async function loaded(db: string) {
    const server = await start(db);
    const body = generateLines({ seed: 5, count: 3_000 }).join('\n');
    expect((await postEvents(server, body)).status).toBe(200);
    await waitFor(
      'process rows',
      async () => (await rowIds(server)).length === execIdsInMemory(server).length,
    );
    const processes = (await server.engine.processes.search({ limit: 10_000 })).processes;
    const usedBytes = (await server.engine.runRetention()).usedBytes;
    await server.close();
    return { processes, usedBytes };
  }

  /** Running processes and everything above them. */
  function protectedIds(processes: readonly Process[]): Set<string> {
    const byId = new Map(processes.map((p) => [p.execId, p]));
    const result = new Set<string>();
    for (const process of processes) {
      if (process.state !== 'running') continue;
      for (let p: Process | undefined = process; p && !result.has(p.execId);) {
        result.add(p.execId);
        p = p.parentExecId === null ? undefined : byId.get(p.parentExecId);
      }
    }
    return result;
  }

  it('deletes the oldest ended subtrees until the store fits', async () => {
    temp = makeTempDir();
    const db = join(temp.dir, 'size.db');
    const { processes, usedBytes } = await loaded(db);
    const maxBytes = Math.floor(usedBytes * 0.7);

    const server = await start(db, { maxAgeMs: 0, maxBytes });
    const report = await server.engine.runRetention();
    expect(report.usedBytes).toBeLessThanOrEqual(maxBytes);
    const left = new Set(execIdsInMemory(server));
    expect(await rowIds(server)).toEqual([...left].sort());
    for (const execId of protectedIds(processes)) expect(left.has(execId)).toBe(true);

    // What went is a prefix of the ended subtrees, oldest first.
    const candidates = endedSubtrees(processes);
    const gone = candidates.map((subtree) => !subtree.execIds.some((id) => left.has(id)));
    expect(gone[0]).toBe(true);
    expect(gone.slice(gone.indexOf(false)).every((g) => !g)).toBe(true);
    expect(left.size).toBeLessThan(processes.length);
    expect(left.size).toBeGreaterThan(protectedIds(processes).size);
  });

  it('keeps only running processes and their ancestors when nothing else fits', async () => {
    temp = makeTempDir();
    const db = join(temp.dir, 'tiny.db');
    const { processes } = await loaded(db);
    const server = await start(db, { maxAgeMs: 0, maxBytes: 1 });
    expect(execIdsInMemory(server)).toEqual([...protectedIds(processes)].sort());
    expect(await rowIds(server)).toEqual(execIdsInMemory(server));
  });
});
