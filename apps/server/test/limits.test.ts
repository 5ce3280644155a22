import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type {
  InfoResponse,
  LimitStatus,
  ProcessesResponse,
  SearchResponse,
} from '@exectree/domain';
import { floodLines } from '../scripts/flood/flood-lines.ts';
import { execLine, exitLine, type ProcSpec } from './helpers/events.ts';
import { sample } from './helpers/hostile-lines.ts';
import { findMessage, openLiveClient, type LiveClient } from './helpers/live-client.ts';
import { RawHttpConnection } from './helpers/raw-http.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { getJson, postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

const servers: TestServer[] = [];
const clients: LiveClient[] = [];
const connections: RawHttpConnection[] = [];

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.destroy();
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) await server.stop();
});

async function start(options: Parameters<typeof startTestServer>[0] = {}) {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

async function limit(server: TestServer, name: string): Promise<LimitStatus | undefined> {
  const { body } = await getJson<InfoResponse>(server, '/api/v1/info');
  return body.limits?.find((l) => l.name === name);
}

/** A limit's hits as the web app sees them (/api/v1/info) and as Prometheus does. */
async function hitsShown(server: TestServer, name: string) {
  return {
    info: (await limit(server, name))?.hits,
    metrics: await metric(server, `exectree_limit_hits_total{limit="${name}"}`),
  };
}

async function metric(server: TestServer, series: string): Promise<number> {
  return sample(await (await fetch(`${server.url}/metrics`)).text(), series);
}

const POD = { namespace: 'busy', name: 'forker' };
const proc = (pid: number): ProcSpec => ({ pid, pod: POD });
const exitAt = (pid: number) => new Date(Date.UTC(2026, 0, 2) + pid * 1000).toISOString();

describe('--max-pod-processes', () => {
  it('evicts the oldest ended processes from memory; rows and events stay stored', async () => {
    const temp = makeTempDir();
    const db = join(temp.dir, 'events.db');
    const server = await start({ db, limits: { max_pod_processes: 100 } });
    const { client, received } = openLiveClient(server.url);
    clients.push(client);
    await waitFor('groups:snapshot', () => findMessage(received, 'groups:snapshot'));
    await client.emitWithAck('tree:subscribe', { filter: { group: 'pod/busy/forker' } });

    // 130 processes that ended (oldest first) and 20 that still run.
    const ended = Array.from({ length: 130 }, (_, i) => proc(1000 + i));
    const running = Array.from({ length: 20 }, (_, i) => proc(5000 + i));
    const lines = [
      ...ended.flatMap((p) => [execLine(p), exitLine(p, exitAt(p.pid))]),
      ...running.map(execLine),
    ];
    expect((await postEvents(server, lines.join('\n'))).body.accepted).toBe(lines.length);

    const inMemory = async () =>
      (await getJson<ProcessesResponse>(server, '/api/v1/pods/busy/forker/processes')).body
        .processes;
    await waitFor('the pod trimmed', async () => (await inMemory()).length <= 100);
    const kept = await inMemory();
    expect(kept.length).toBe(80);
    expect(kept.filter((p) => p.state === 'running')).toHaveLength(20);
    const keptEnded = kept.flatMap((p) => (p.state === 'exited' && p.pid !== null ? [p.pid] : []));
    expect(Math.min(...keptEnded)).toBe(1070);

    const evicted = 150 - 80;
    expect(await limit(server, 'max_pod_processes')).toEqual({
      name: 'max_pod_processes',
      limit: 100,
      unit: 'processes',
      hits: evicted,
    });
    expect(await metric(server, 'exectree_limit_hits_total{limit="max_pod_processes"}')).toBe(
      evicted,
    );
    // Live clients drop them too (a trim per drain, so maybe over several deltas).
    const removed = () =>
      received
        .filter((m) => m.event === 'tree:delta')
        .reduce(
          (sum, m) => sum + (Array.isArray(m.payload['removes']) ? m.payload['removes'].length : 0),
          0,
        );
    await waitFor('the removes', () => removed() === evicted);
    // Search reads the rows: all 150 are still found, and every event is stored.
    const search = await getJson<SearchResponse>(server, '/api/v1/search?pod=forker&limit=1000');
    expect(search.body.total).toBe(150);
    expect(await server.engine.store.count()).toBe(lines.length);
    client.close();
    await server.close();

    // A restart replays every event, then trims again.
    const again = await start({ db, limits: { max_pod_processes: 100 } });
    expect(again.logs.some((l) => l.startsWith('limits: pod/busy/forker held 150 processes'))).toBe(
      true,
    );
    expect(
      (await getJson<ProcessesResponse>(again, '/api/v1/pods/busy/forker/processes')).body
        .processes,
    ).toHaveLength(80);
    expect(
      (await getJson<SearchResponse>(again, '/api/v1/search?pod=forker&limit=1000')).body.total,
    ).toBe(150);
    temp.cleanup();
  });
});

describe('--max-clients', () => {
  it('refuses connections past the limit with a clear error and counts them', async () => {
    const server = await start({ limits: { max_clients: 2 } });
    const connected = async () => {
      const live = openLiveClient(server.url);
      clients.push(live.client);
      await waitFor('groups:snapshot', () => findMessage(live.received, 'groups:snapshot'));
      return live.client;
    };
    const first = await connected();
    await connected();

    const third = openLiveClient(server.url);
    clients.push(third.client);
    const error = await new Promise<Error>((resolve) => third.client.on('connect_error', resolve));
    expect(error.message).toBe(
      'too many clients: this server takes at most 2 live connections; try again later',
    );
    expect(await hitsShown(server, 'max_clients')).toEqual({ info: 1, metrics: 1 });

    first.close();
    await waitFor('room for one more', async () => {
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      return sample(metrics, 'exectree_socket_clients') === 1;
    });
    await connected();
  });
});

describe('ingest limits', () => {
  it('answers 413 to a body over --max-body before reading it', async () => {
    const server = await start({ maxBodyBytes: 4096 });
    const connection = new RawHttpConnection(server.port);
    connections.push(connection);
    connection.write(RawHttpConnection.ingestHead(10_000));
    await waitFor('the answer', () => connection.responses.length === 1);
    expect(connection.responses[0]).toEqual({
      status: 413,
      body: JSON.stringify({ error: 'request body is larger than the limit of 4096 bytes' }),
    });
    expect(await hitsShown(server, 'max_body')).toEqual({ info: 1, metrics: 1 });
  });

  it('answers 429 with Retry-After while the queue of ingest work is full', async () => {
    const server = await start({ limits: { ingest_queue: 4096 } });
    const body = `${Array.from({ length: 20 }, (_, i) => execLine(proc(100 + i))).join('\n')}\n`;
    expect(body.length).toBeGreaterThan(4096);
    // One request admitted and held: its body is half sent.
    const held = new RawHttpConnection(server.port);
    connections.push(held);
    held.write(RawHttpConnection.ingestHead(body.length) + body.slice(0, 100));
    await waitFor('the request queued', async () => {
      return (await metric(server, 'exectree_ingest_queue_bytes')) === body.length;
    });

    const refused = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: execLine(proc(999)),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ error: 'ingest queue is full; retry later' });
    expect(await hitsShown(server, 'ingest_queue')).toEqual({ info: 1, metrics: 1 });

    held.write(body.slice(100));
    await waitFor('the held answer', () => held.responses.length === 1);
    expect(held.responses[0]?.status).toBe(200);
    expect((await postEvents(server, execLine(proc(999)))).status).toBe(200);
    expect(await metric(server, 'exectree_ingest_queue_bytes')).toBe(0);
  });

  it('answers 429 with Retry-After to a client over --ingest-rate', async () => {
    const server = await start({ maxBodyBytes: 4096, limits: { ingest_rate: 1024 } });
    const body = 'x'.repeat(3000);
    expect((await postEvents(server, body)).status).toBe(200);
    const refused = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toEqual({
      error: 'ingest rate limit of this client reached; retry later',
    });
    expect(await hitsShown(server, 'ingest_rate')).toEqual({ info: 1, metrics: 1 });
  });
});

describe('sources read at the pace of ingest', () => {
  it('--stdin: a fast writer waits on the pipe; nothing piles up in between', async () => {
    const chunk = 64 * 1024;
    const stdin = new PassThrough({ highWaterMark: chunk });
    const server = await start({ stdin });
    const lines = floodLines({ firstPid: 7_000_000 }).next(10_000);
    const data = Buffer.from(lines.map((line) => `${line}\n`).join(''));
    let waits = 0;
    for (let at = 0; at < data.length; at += chunk) {
      if (!stdin.write(data.subarray(at, at + chunk))) {
        waits += 1;
        await once(stdin, 'drain');
      }
    }
    // Once the pipe took the last chunk, all but what the pipe and one read hold is stored.
    const read = server.engine.sources.list().find((s) => s.id === 'stdin')?.linesRead ?? 0;
    const held = Math.ceil((3 * chunk) / (data.length / lines.length));
    expect(waits).toBeGreaterThan(0);
    expect(read).toBeGreaterThanOrEqual(lines.length - held);
    stdin.end();
    await waitFor('every line', () =>
      server.engine.sources.list().some((s) => s.id === 'stdin' && s.accepted === lines.length),
    );
  });
});
