import { afterEach, describe, expect, it } from 'vitest';
import type { SubscribeRequest, TreeDelta, TreeSnapshot } from '@exectree/domain';
import { execIdOf, execLine, exitLine, type ProcSpec } from './helpers/events.ts';
import {
  expectConsecutiveSeq,
  findMessage,
  messagesOf,
  openLiveClient,
  type LiveClient,
  type Received,
} from './helpers/live-client.ts';
import { postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let server: TestServer | undefined;
const clients: LiveClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.stop();
  server = undefined;
});

async function subscribed(s: TestServer, filter: SubscribeRequest['filter']) {
  const opened = openLiveClient(s.url);
  clients.push(opened.client);
  await waitFor('groups:snapshot', () => findMessage(opened.received, 'groups:snapshot'));
  const ack = await opened.client.emitWithAck('tree:subscribe', { filter });
  expect(ack).toMatchObject({ ok: true });
  await waitFor('tree:snapshot', () => findMessage(opened.received, 'tree:snapshot'));
  return opened;
}

const treeDeltas = (received: Received[]) =>
  messagesOf(received, 'tree:delta').map((m) => m.payload as unknown as TreeDelta);

const CURL_A: ProcSpec = {
  pid: 101,
  binary: '/usr/bin/curl',
  pod: { namespace: 'ns1', name: 'a' },
};
const SH_A: ProcSpec = { pid: 102, binary: '/bin/sh', pod: { namespace: 'ns1', name: 'a' } };
const CURL_B: ProcSpec = {
  pid: 103,
  binary: '/usr/bin/curl',
  pod: { namespace: 'ns2', name: 'b' },
};
const HOST_SH: ProcSpec = { pid: 104, binary: '/bin/sh', args: '-c "echo $SECRET"', cwd: '/root' };

describe('filtered live streams', () => {
  it('sends each subscriber only the processes matching all of its filter fields', async () => {
    server = await startTestServer();
    const s = server;
    const curlInNs1 = await subscribed(s, { namespace: 'ns1', binary: 'curl' });
    const secret = await subscribed(s, { text: 'secret' });
    const ns1 = await subscribed(s, { namespace: 'ns1' });

    await postEvents(s, [CURL_A, SH_A, CURL_B, HOST_SH].map(execLine).join('\n'));
    await waitFor('deltas', () =>
      [curlInNs1, secret, ns1].every((c) => treeDeltas(c.received).length > 0),
    );
    const ids = (c: { received: Received[] }) =>
      treeDeltas(c.received).flatMap((d) => d.upserts.map((p) => p.execId));
    expect(ids(curlInNs1)).toEqual([execIdOf(CURL_A)]);
    expect(ids(secret)).toEqual([execIdOf(HOST_SH)]);
    expect(new Set(ids(ns1))).toEqual(new Set([execIdOf(CURL_A), execIdOf(SH_A)]));
    expect(treeDeltas(curlInNs1.received)[0]?.filter).toEqual({ namespace: 'ns1', binary: 'curl' });

    await postEvents(s, exitLine(CURL_A));
    const exited = await waitFor('exit delta', () =>
      treeDeltas(curlInNs1.received).find((d) => d.upserts.some((p) => p.state === 'exited')),
    );
    expect(exited.upserts.map((p) => p.execId)).toEqual([execIdOf(CURL_A)]);

    // A late subscriber starts from a snapshot of the same filter.
    const late = await subscribed(s, { namespace: 'ns1', pod: 'a', binary: '/usr/bin/curl' });
    const snapshot = findMessage(late.received, 'tree:snapshot')
      ?.payload as unknown as TreeSnapshot;
    expect(snapshot.processes.map((p) => [p.execId, p.state])).toEqual([
      [execIdOf(CURL_A), 'exited'],
    ]);

    // An ack travels behind everything sent before it, so nothing is still in flight.
    for (const c of [curlInNs1, secret, ns1, late]) {
      await c.client.emitWithAck('tree:unsubscribe');
      expectConsecutiveSeq(c.received);
    }
    expect(treeDeltas(secret.received)).toHaveLength(1);
  });

  it('batches one flush of changes into a single tree:delta per socket', async () => {
    server = await startTestServer();
    const { client, received } = await subscribed(server, { binary: 'curl' });
    const many = Array.from({ length: 50 }, (_, i) => ({
      pid: 1000 + i,
      binary: i % 2 === 0 ? '/usr/bin/curl' : '/bin/true',
      pod: { namespace: 'ns', name: `p${i % 5}` },
    }));
    await postEvents(server, many.map(execLine).join('\n'));
    await waitFor('tree:delta', () => findMessage(received, 'tree:delta'));
    await client.emitWithAck('tree:unsubscribe');
    const deltas = treeDeltas(received);
    expect(deltas).toHaveLength(1);
    expect(deltas[0]?.upserts).toHaveLength(25);
    expect(messagesOf(received, 'groups:delta')).toHaveLength(1);
    expectConsecutiveSeq(received);
  });

  it('rejects empty, oversized and unknown-only filters through the ack', async () => {
    server = await startTestServer();
    const { client, received } = openLiveClient(server.url);
    clients.push(client);
    await waitFor('groups:snapshot', () => findMessage(received, 'groups:snapshot'));
    for (const filter of [
      {},
      { text: '' },
      { binary: 'x'.repeat(5000) },
      { namespace: 7 },
      { colour: 'red' },
      { group: 'not-a-key', binary: 'sh' },
    ]) {
      const ack = await client.emitWithAck('tree:subscribe', {
        filter,
      } as unknown as SubscribeRequest);
      expect(ack).toEqual({ ok: false, error: expect.any(String) });
    }
    expect(findMessage(received, 'tree:snapshot')).toBeUndefined();
  });
});
