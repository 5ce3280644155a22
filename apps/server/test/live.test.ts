import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  GroupsDelta,
  GroupsSnapshot,
  ServerToClientEvents,
  SubscribeRequest,
  TreeDelta,
  TreeSnapshot,
} from '@exectree/domain';
import { WHOAMI, WHOAMI_EXEC_ID, XWING, fixtureLines } from './helpers/fixtures.ts';
import { postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Received {
  event: string;
  payload: { seq?: number } & Record<string, unknown>;
}

let server: TestServer | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.stop();
  server = undefined;
});

function open(s: TestServer): { client: Client; received: Received[] } {
  const client: Client = connect(s.url, { transports: ['websocket'], reconnection: false });
  clients.push(client);
  const received: Received[] = [];
  client.onAny((event: string, payload: Received['payload']) => received.push({ event, payload }));
  return { client, received };
}

const find = (received: Received[], event: string, from = 0) =>
  received.slice(from).find((message) => message.event === event);

/** The seq of every message that carries one must run 1, 2, 3, ... with no gap. */
function expectConsecutiveSeq(received: Received[]): void {
  const seqs = received.flatMap((m) => (m.payload.seq === undefined ? [] : [m.payload.seq]));
  expect(seqs).toEqual(seqs.map((_, index) => index + 1));
}

describe('socket.io live updates', () => {
  it('sends a groups snapshot, a tree snapshot on subscribe and a batched tree delta', async () => {
    server = await startTestServer();
    const s = server;
    const [exec, exit] = fixtureLines(WHOAMI);

    const { client, received } = open(s);
    await waitFor('groups:snapshot', () => find(received, 'groups:snapshot'));
    expect(received.map((m) => m.event)).toEqual(['server:info', 'groups:snapshot']);
    expect(received[1]?.payload).toEqual({ seq: 1, groups: [], markers: [] });

    await postEvents(s, `${exec}\n`);
    const groupsDelta = await waitFor('groups:delta', () => find(received, 'groups:delta'));
    const groups = groupsDelta.payload as unknown as GroupsDelta;
    expect(groups.seq).toBe(2);
    expect(groups.groups.map((g) => g.key)).toContain(XWING);

    const ack = await client.emitWithAck('tree:subscribe', { filter: { group: XWING } });
    expect(ack).toEqual({ ok: true, data: { seq: 3 } });
    const snapshotMessage = await waitFor('tree:snapshot', () => find(received, 'tree:snapshot'));
    const snapshot = snapshotMessage.payload as unknown as TreeSnapshot;
    expect(snapshot.seq).toBe(3);
    expect(snapshot.filter).toEqual({ group: XWING });
    expect(snapshot.processes.find((p) => p.execId === WHOAMI_EXEC_ID)?.state).toBe('running');

    const before = received.length;
    await postEvents(s, `${exit}\n`);
    const deltaMessage = await waitFor('tree:delta', () => find(received, 'tree:delta', before));
    const delta = deltaMessage.payload as unknown as TreeDelta;
    expect(delta.seq).toBe(5);
    expect(delta.filter).toEqual({ group: XWING });
    expect(delta.upserts).toContainEqual(
      expect.objectContaining({ execId: WHOAMI_EXEC_ID, state: 'exited', status: 0 }),
    );
    expect(received.slice(before).map((m) => m.event)).toEqual(['groups:delta', 'tree:delta']);
    expectConsecutiveSeq(received);
  });

  it('rejects an invalid subscription through the ack', async () => {
    server = await startTestServer();
    const { client, received } = open(server);
    await waitFor('groups:snapshot', () => find(received, 'groups:snapshot'));

    for (const request of [
      { filter: { group: 42 } },
      { filter: {} },
      null,
      { filter: { group: 'xwing' } },
    ]) {
      const ack = await client.emitWithAck(
        'tree:subscribe',
        request as unknown as SubscribeRequest,
      );
      expect(ack).toEqual({ ok: false, error: expect.any(String) });
    }
    expect(find(received, 'tree:snapshot')).toBeUndefined();
  });

  it('answers sync:request with fresh snapshots and keeps one seq counter per socket', async () => {
    server = await startTestServer();
    const s = server;
    const first = open(s);
    await waitFor('groups:snapshot', () => find(first.received, 'groups:snapshot'));
    await postEvents(s, fixtureLines(WHOAMI).join('\n'));
    await waitFor('groups:delta', () => find(first.received, 'groups:delta'));
    await first.client.emitWithAck('tree:subscribe', { filter: { group: XWING } });
    await waitFor('tree:snapshot', () => find(first.received, 'tree:snapshot'));

    const before = first.received.length;
    const lastSeq = first.received.at(-1)?.payload.seq ?? 0;
    const ack = await first.client.emitWithAck('sync:request');
    expect(ack).toEqual({ ok: true, data: { seq: lastSeq + 1 } });
    await waitFor('second tree:snapshot', () => find(first.received, 'tree:snapshot', before));
    expect(first.received.slice(before).map((m) => [m.event, m.payload.seq])).toEqual([
      ['groups:snapshot', lastSeq + 1],
      ['tree:snapshot', lastSeq + 2],
    ]);
    const resynced = first.received.at(-1)?.payload as unknown as TreeSnapshot;
    expect(resynced.processes.map((p) => p.execId)).toContain(WHOAMI_EXEC_ID);

    const second = open(s);
    await waitFor('groups:snapshot', () => find(second.received, 'groups:snapshot'));
    const secondSnapshot = find(second.received, 'groups:snapshot')
      ?.payload as unknown as GroupsSnapshot;
    expect(secondSnapshot.seq).toBe(1);
    expect(secondSnapshot.groups.map((g) => g.key)).toContain(XWING);

    const unsubscribe = await first.client.emitWithAck('tree:unsubscribe');
    expect(unsubscribe).toEqual({ ok: true, data: null });
    expectConsecutiveSeq(first.received);
  });

  it('sends groups deltas but no tree delta to a socket watching another group', async () => {
    server = await startTestServer();
    const { client, received } = open(server);
    await waitFor('groups:snapshot', () => find(received, 'groups:snapshot'));
    await client.emitWithAck('tree:subscribe', { filter: { group: 'host/elsewhere' } });
    await waitFor('tree:snapshot', () => find(received, 'tree:snapshot'));

    await postEvents(server, fixtureLines(WHOAMI).join('\n'));
    await waitFor('groups:delta', () => find(received, 'groups:delta'));
    // An ack travels behind everything the server sent before it, so nothing is still in flight.
    await client.emitWithAck('tree:unsubscribe');
    expect(find(received, 'tree:delta')).toBeUndefined();
    expectConsecutiveSeq(received);
  });
});
