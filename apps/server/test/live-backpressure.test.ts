import { afterEach, describe, expect, it } from 'vitest';
import type { TreeDelta, TreeSnapshot } from '@exectree/domain';
import { startBlockingClient, type BlockingClient } from './helpers/blocking-client.ts';
import { execIdOf, execLine } from './helpers/events.ts';
import {
  expectConsecutiveSeq,
  findMessage,
  messagesOf,
  openLiveClient,
  type LiveClient,
} from './helpers/live-client.ts';
import { postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let server: TestServer | undefined;
let slow: BlockingClient | undefined;
const clients: LiveClient[] = [];

afterEach(async () => {
  await slow?.close();
  slow = undefined;
  for (const client of clients.splice(0)) client.close();
  await server?.stop();
  server = undefined;
});

const FILTER = { namespace: 'load' };
const BATCH = 20;
/** Bounds the load this test generates, whatever happens. */
const MAX_BATCHES = 300;

async function metric(s: TestServer, series: string): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
}

/** POSTs batches of matching processes until the server told a socket to resync. */
async function loadUntilBacklogResync(s: TestServer) {
  const posted: string[] = [];
  const statuses: number[] = [];
  let batches = 0;
  const postBatch = async () => {
    const specs = Array.from({ length: BATCH }, (_, i) => ({
      pid: 10_000 + batches * BATCH + i,
      binary: '/usr/bin/curl',
      pod: { namespace: 'load', name: `pod-${batches % 3}` },
    }));
    batches += 1;
    const answer = await postEvents(s, specs.map(execLine).join('\n'));
    statuses.push(answer.status);
    posted.push(...specs.map(execIdOf));
  };
  await waitFor(
    'sync:required for the stalled socket',
    async () => {
      if (batches >= MAX_BATCHES) throw new Error('load bound reached');
      await postBatch();
      return (await metric(s, 'exectree_resyncs_total{reason="backlog"}')) === 1;
    },
    { timeoutMs: 15_000 },
  );
  return { posted, statuses, postBatch };
}

describe('slow live clients', () => {
  it('tells a stalled socket to resync while ingest and healthy sockets carry on', async () => {
    server = await startTestServer({
      // Low bound so the test needs little load; no unasked resync during the test.
      liveBacklog: { maxDeltas: 10, resyncGraceMs: 60_000 },
    });
    const s = server;

    const healthy = openLiveClient(s.url);
    clients.push(healthy.client);
    await waitFor('healthy groups:snapshot', () =>
      findMessage(healthy.received, 'groups:snapshot'),
    );
    await healthy.client.emitWithAck('tree:subscribe', { filter: FILTER });

    slow = await startBlockingClient(s.url);
    const stalled = slow;
    await stalled.subscribe(FILTER);
    await waitFor('slow tree:snapshot', () =>
      stalled.messages().find((m) => m.event === 'tree:snapshot'),
    );
    await stalled.block();

    const load = await loadUntilBacklogResync(s);
    const { posted, statuses } = load;
    // More changes while it is still stalled: none of them may be queued for it.
    for (let i = 0; i < 5; i += 1) await load.postBatch();
    expect(statuses.every((status) => status === 200)).toBe(true);

    // The healthy socket got every change, in order, with no gap.
    await waitFor('healthy socket has every process', () => {
      const seen = new Set(
        messagesOf(healthy.received, 'tree:delta').flatMap((m) =>
          (m.payload as unknown as TreeDelta).upserts.map((p) => p.execId),
        ),
      );
      return posted.every((id) => seen.has(id));
    });
    await healthy.client.emitWithAck('tree:unsubscribe');
    expectConsecutiveSeq(healthy.received);
    expect(findMessage(healthy.received, 'sync:required')).toBeUndefined();

    // Once it reads again it finds sync:required, asks, and gets snapshots of everything.
    stalled.unblock();
    const snapshotAfterResync = await waitFor('fresh tree:snapshot', () => {
      const messages = stalled.messages();
      const required = messages.findIndex((m) => m.event === 'sync:required');
      return required < 0
        ? undefined
        : messages.slice(required).find((m) => m.event === 'tree:snapshot');
    });
    expect(snapshotAfterResync.count).toBe(posted.length);

    const messages = stalled.messages();
    const required = messages.findIndex((m) => m.event === 'sync:required');
    const afterRequired = messages.slice(required + 1).map((m) => m.event);
    expect(afterRequired.slice(0, 2)).toEqual(['groups:snapshot', 'tree:snapshot']);
    // Its seqs still only go up; the dropped messages show as one gap before sync:required.
    const seqs = messages.flatMap((m) => (m.seq === null ? [] : [m.seq]));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    const requiredSeq = messages[required]?.seq ?? 0;
    expect(messages[required + 1]?.seq).toBe(requiredSeq + 1);

    expect(await metric(s, 'exectree_resyncs_total{reason="client"}')).toBeGreaterThanOrEqual(1);
    const snapshot = findMessage(healthy.received, 'tree:snapshot')?.payload as unknown as
      TreeSnapshot | undefined;
    expect(snapshot?.filter).toEqual(FILTER);
  });

  it('sends snapshots unasked to a client that ignores sync:required, once it has drained', async () => {
    server = await startTestServer({ liveBacklog: { maxDeltas: 5, resyncGraceMs: 200 } });
    const s = server;
    slow = await startBlockingClient(s.url, { answersSyncRequired: false });
    const stalled = slow;
    await stalled.subscribe(FILTER);
    await stalled.block();
    const { posted } = await loadUntilBacklogResync(s);
    stalled.unblock();

    const fresh = await waitFor('unasked tree:snapshot', () => {
      const messages = stalled.messages();
      const required = messages.findIndex((m) => m.event === 'sync:required');
      return required < 0
        ? undefined
        : messages.slice(required).find((m) => m.event === 'tree:snapshot');
    });
    expect(fresh.count).toBe(posted.length);
    expect(await metric(s, 'exectree_resyncs_total{reason="fallback"}')).toBe(1);
    expect(await metric(s, 'exectree_resyncs_total{reason="client"}')).toBe(0);
  });
});
