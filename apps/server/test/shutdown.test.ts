import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { IngestResponse, TreeDelta } from '@exectree/domain';
import { SqliteEventStore } from '../src/store/sqlite-event-store.ts';
import { killLeftovers, runCli } from './helpers/cli-process.ts';
import { execIdOf, execLine, type ProcSpec } from './helpers/events.ts';
import { findMessage, messagesOf, openLiveClient, type LiveClient } from './helpers/live-client.ts';
import { RawHttpConnection } from './helpers/raw-http.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { startTestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let temp: ReturnType<typeof makeTempDir>;
const connections: RawHttpConnection[] = [];
const clients: LiveClient[] = [];

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(() => {
  for (const connection of connections.splice(0)) connection.destroy();
  for (const client of clients.splice(0)) client.close();
  killLeftovers();
  temp.cleanup();
});

const body = (specs: ProcSpec[]) => `${specs.map(execLine).join('\n')}\n`;
const procs = (from: number, count: number): ProcSpec[] =>
  Array.from({ length: count }, (_, i) => ({ pid: from + i, pod: { namespace: 'ns', name: 'p' } }));

async function inFlight(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^exectree_ingest_requests_in_flight (\d+)$/m.exec(text)?.[1]);
}

/** Every raw line stored in the database file, read after the server is gone. */
function storedLines(db: string): Set<string> {
  const store = new SqliteEventStore(db);
  try {
    return new Set([...store.replay()].map((event) => event.raw));
  } finally {
    store.close();
  }
}

/**
 * Sends the head and half the body of one POST, waits until the server admitted it, and
 * returns a function that sends the rest followed by a second, pipelined POST.
 */
async function holdIngestInFlight(url: string, port: number, held: string, behind: string) {
  const connection = new RawHttpConnection(port);
  connections.push(connection);
  const half = Math.floor(held.length / 2);
  connection.write(RawHttpConnection.ingestHead(held.length) + held.slice(0, half));
  await waitFor('the request in flight', async () => (await inFlight(url)) === 1);
  return {
    connection,
    finish: () =>
      connection.write(held.slice(half) + RawHttpConnection.ingestHead(behind.length) + behind),
  };
}

describe('graceful shutdown', () => {
  it('lets a request in flight commit and answers 503 to one arriving during shutdown', async () => {
    const server = await startTestServer({ db: join(temp.dir, 'events.db') });
    const held = procs(1, 50);
    const { connection, finish } = await holdIngestInFlight(
      server.url,
      server.port,
      body(held),
      body(procs(500, 1)),
    );

    const closing = server.close();
    finish();
    await waitFor('both answers', () => connection.responses.length === 2);
    await closing;

    const [first, second] = connection.responses;
    expect(first?.status).toBe(200);
    expect((JSON.parse(first?.body ?? '{}') as IngestResponse).accepted).toBe(50);
    expect(second?.status).toBe(503);
    expect(JSON.parse(second?.body ?? '{}')).toEqual({ error: expect.any(String) });
    const stored = storedLines(server.dbPath);
    expect(stored.size).toBe(50);
    for (const spec of held) expect(stored.has(execLine(spec))).toBe(true);
  });

  it('the CLI exits 0 on SIGTERM with every acknowledged event stored', async () => {
    const db = join(temp.dir, 'cli.db');
    const cli = runCli(['serve', '--port', '0', '--db', db, '--no-demo'], temp.dir);
    const url = await cli.listening();
    const port = Number(new URL(url).port);

    const before = procs(1, 30);
    const acknowledged = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: body(before),
    });
    expect(acknowledged.status).toBe(200);

    const held = procs(100, 200);
    const { connection, finish } = await holdIngestInFlight(
      url,
      port,
      body(held),
      body(procs(900, 1)),
    );
    cli.child.kill('SIGTERM');
    await waitFor('shutdown started', () => /SIGTERM: shutting down/.test(cli.stderr()));
    finish();

    expect(await cli.exited).toBe(0);
    expect(connection.responses.map((r) => r.status)).toEqual([200, 503]);
    const stored = storedLines(db);
    expect(stored.size).toBe(before.length + held.length);
    for (const spec of [...before, ...held]) expect(stored.has(execLine(spec))).toBe(true);
  });

  it('sends the last delta to live clients before closing them', async () => {
    const db = join(temp.dir, 'live.db');
    const cli = runCli(['serve', '--port', '0', '--db', db, '--no-demo'], temp.dir);
    const url = await cli.listening();
    const { client, received } = openLiveClient(url);
    clients.push(client);
    await waitFor('groups:snapshot', () => findMessage(received, 'groups:snapshot'));
    await client.emitWithAck('tree:subscribe', { filter: { namespace: 'ns' } });
    let disconnected = false;
    client.on('disconnect', () => (disconnected = true));

    const last: ProcSpec = { pid: 4242, binary: '/bin/last', pod: { namespace: 'ns', name: 'p' } };
    const answer = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: execLine(last),
    });
    expect(answer.status).toBe(200);
    cli.child.kill('SIGTERM');

    expect(await cli.exited).toBe(0);
    await waitFor('disconnect', () => disconnected);
    const upserted = messagesOf(received, 'tree:delta').flatMap((m) =>
      (m.payload as unknown as TreeDelta).upserts.map((p) => p.execId),
    );
    expect(upserted).toContain(execIdOf(last));
    expect(storedLines(db).has(execLine(last))).toBe(true);
  });
});
