import { beforeEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { Process } from '@exectree/domain';
import { makeGroup, makeProcess } from '../test/fixtures.ts';
import { FakeTransport } from '../test/fake-transport.ts';
import { initialLiveState, type LiveState } from '../stores/live-store.ts';
import { createManualScheduler } from './frame-scheduler.ts';
import { createIngest } from './ingest.ts';
import { HOLD_LIMIT } from './hold-buffer.ts';

const G = 'pod/default/xwing';
const filter = { group: G };

function setup() {
  const transport = new FakeTransport();
  const scheduler = createManualScheduler();
  const store = create<LiveState>()(() => initialLiveState());
  const commits: LiveState[] = [];
  store.subscribe((s) => commits.push(s));
  const ingest = createIngest({ transport, scheduler, store, resyncRetryMs: 5 });
  return { transport, scheduler, store, commits, ingest };
}

const snapshot = (seq: number, processes: Process[]) =>
  ({ type: 'tree:snapshot', payload: { seq, filter, processes } }) as const;
const delta = (seq: number, upserts: Process[], removes: string[] = []) =>
  ({ type: 'tree:delta', payload: { seq, filter, upserts, removes } }) as const;
const flushPromises = () => new Promise((r) => setTimeout(r, 0));

describe('ingest bridge', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
    t.transport.status({ kind: 'connected' });
    t.ingest.setGroup(G);
    t.scheduler.flush();
    t.commits.length = 0;
  });

  it('subscribes the chosen group and shows it as loading', () => {
    expect(t.transport.subscribes).toEqual([G]);
    expect(t.store.getState().tree).toMatchObject({ group: G, status: 'loading' });
  });

  it('commits everything that arrived within a frame in one store update', () => {
    t.transport.send(snapshot(1, [makeProcess({ execId: 'a' })]));
    for (let i = 0; i < 50; i++) {
      t.transport.send(delta(2 + i, [makeProcess({ execId: `p${i}`, parentExecId: 'a' })]));
    }
    expect(t.commits).toHaveLength(0);
    expect(t.scheduler.pending()).toBe(true);
    t.scheduler.flush();
    expect(t.commits).toHaveLength(1);
    expect(t.store.getState().tree.processes.size).toBe(51);
    expect(t.transport.syncRequests).toBe(0);
  });

  it('asks for a resync on a seq gap and drops deltas until fresh snapshots arrive', () => {
    t.transport.send({
      type: 'groups:snapshot',
      payload: { seq: 1, groups: [makeGroup({ key: G })], markers: [] },
    });
    t.transport.send(snapshot(2, [makeProcess({ execId: 'a' })]));
    t.transport.send(delta(5, [makeProcess({ execId: 'lost' })])); // 3 and 4 missed
    t.transport.send(delta(6, [makeProcess({ execId: 'also-dropped' })]));
    t.transport.send({
      type: 'groups:delta',
      payload: { seq: 7, groups: [makeGroup({ key: 'x/y' })], markers: [] },
    });
    expect(t.transport.syncRequests).toBe(1);
    t.scheduler.flush();
    expect([...t.store.getState().tree.processes.keys()]).toEqual(['a']);
    expect(t.store.getState().groups?.size).toBe(1);
    expect(t.store.getState().resyncs).toBe(1);

    // The server answers the sync with fresh snapshots; deltas apply again after them.
    t.transport.send({
      type: 'groups:snapshot',
      payload: { seq: 8, groups: [makeGroup({ key: G })], markers: [] },
    });
    t.transport.send(snapshot(9, [makeProcess({ execId: 'a' }), makeProcess({ execId: 'lost' })]));
    t.transport.send(delta(10, [makeProcess({ execId: 'new' })]));
    t.scheduler.flush();
    expect([...t.store.getState().tree.processes.keys()].sort()).toEqual(['a', 'lost', 'new']);
    expect(t.transport.syncRequests).toBe(1);
  });

  it('resyncs at once when the server says sync:required', () => {
    t.transport.send(snapshot(1, [makeProcess({ execId: 'a' })]));
    t.transport.send({ type: 'sync:required', payload: { seq: 2, reason: 'backlog' } });
    expect(t.transport.syncRequests).toBe(1);
    t.transport.send(delta(3, [makeProcess({ execId: 'dropped' })]));
    t.transport.send(snapshot(4, [makeProcess({ execId: 'a' }), makeProcess({ execId: 'b' })]));
    t.scheduler.flush();
    expect([...t.store.getState().tree.processes.keys()]).toEqual(['a', 'b']);
  });

  it('retries a resync that failed', async () => {
    t.transport.syncAck = { ok: false, error: 'busy' };
    t.transport.send(snapshot(1, []));
    t.transport.send(delta(3, []));
    expect(t.transport.syncRequests).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(t.transport.syncRequests).toBeGreaterThanOrEqual(2);
    t.ingest.dispose();
  });

  it('ignores deltas that arrive before the group snapshot and messages for other groups', () => {
    t.transport.send(delta(1, [makeProcess({ execId: 'early' })]));
    t.transport.send({
      type: 'tree:snapshot',
      payload: { seq: 2, filter: { group: 'pod/x/y' }, processes: [makeProcess({ execId: 'z' })] },
    });
    t.scheduler.flush();
    expect(t.store.getState().tree.processes.size).toBe(0);
    expect(t.store.getState().tree.status).toBe('loading');
  });

  it('switching groups drops buffered messages of the old group and resubscribes', () => {
    t.transport.send(snapshot(1, [makeProcess({ execId: 'a' })]));
    t.ingest.setGroup('host/node-1');
    t.scheduler.flush();
    expect(t.store.getState().tree).toMatchObject({ group: 'host/node-1', status: 'loading' });
    expect(t.store.getState().tree.processes.size).toBe(0);
    expect(t.transport.subscribes).toEqual([G, 'host/node-1']);
  });

  it('resubscribes after a reconnect and starts a new seq space', () => {
    t.transport.send(snapshot(40, [makeProcess({ execId: 'a' })]));
    t.transport.status({
      kind: 'disconnected',
      reason: 'transport close',
      attempt: 1,
      everConnected: true,
    });
    t.scheduler.flush();
    expect(t.store.getState().connection.status).toBe('reconnecting');
    // The stale tree stays on screen while reconnecting.
    expect(t.store.getState().tree.processes.size).toBe(1);

    t.transport.status({ kind: 'connected' });
    expect(t.transport.subscribes).toEqual([G, G]);
    t.transport.send(snapshot(1, [makeProcess({ execId: 'b' })]));
    t.scheduler.flush();
    expect(t.transport.syncRequests).toBe(0);
    expect(t.store.getState().connection.status).toBe('live');
    expect([...t.store.getState().tree.processes.keys()]).toEqual(['b']);
  });

  it('while paused, holds deltas back, counts them, and applies them in one commit on resume', () => {
    t.transport.send(snapshot(1, [makeProcess({ execId: 'a' })]));
    t.transport.send({
      type: 'groups:snapshot',
      payload: { seq: 2, groups: [makeGroup({ key: G })], markers: [] },
    });
    t.scheduler.flush();
    t.ingest.setPaused(true);
    t.commits.length = 0;

    t.transport.send(delta(3, [makeProcess({ execId: 'b', parentExecId: 'a' })]));
    t.transport.send(delta(4, [makeProcess({ execId: 'b', parentExecId: 'a', state: 'exited' })]));
    t.transport.send(delta(5, [makeProcess({ execId: 'c', parentExecId: 'a' })]));
    t.transport.send({
      type: 'groups:delta',
      payload: { seq: 6, groups: [makeGroup({ key: G, processes: 3 })], markers: [] },
    });
    t.scheduler.flush();
    expect([...t.store.getState().tree.processes.keys()]).toEqual(['a']);
    expect(t.store.getState().groups?.get(G)?.processes).toBe(1);
    expect(t.store.getState().held).toBe(2);

    // The connection status is never held.
    t.transport.status({ kind: 'disconnected', reason: 'x', attempt: 1, everConnected: true });
    t.scheduler.flush();
    expect(t.store.getState().connection.status).toBe('reconnecting');

    t.commits.length = 0;
    t.ingest.setPaused(false);
    expect(t.commits).toHaveLength(1);
    const state = t.store.getState();
    expect([...state.tree.processes.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(state.tree.processes.get('b')?.state).toBe('exited');
    expect(state.groups?.get(G)?.processes).toBe(3);
    expect(state.held).toBe(0);
  });

  it('asks for fresh snapshots on resume after a pause too long to hold', () => {
    t.transport.send(snapshot(1, [makeProcess({ execId: 'a' })]));
    t.scheduler.flush();
    t.ingest.setPaused(true);
    for (let i = 0; i <= HOLD_LIMIT; i++) {
      t.transport.send(delta(2 + i, [makeProcess({ execId: `p${i}`, parentExecId: 'a' })]));
    }
    t.scheduler.flush();
    expect(t.store.getState().held).toBe(HOLD_LIMIT + 1);
    t.ingest.setPaused(false);
    expect(t.transport.syncRequests).toBe(1);
    expect(t.store.getState().held).toBe(0);
    // Deltas before the fresh snapshot are dropped; the snapshot brings everything.
    t.transport.send(delta(HOLD_LIMIT + 3, [makeProcess({ execId: 'early' })]));
    t.transport.send(
      snapshot(HOLD_LIMIT + 4, [makeProcess({ execId: 'a' }), makeProcess({ execId: 'z' })]),
    );
    t.scheduler.flush();
    expect([...t.store.getState().tree.processes.keys()]).toEqual(['a', 'z']);
  });

  it('shows a pod opened while paused, then holds its deltas', () => {
    t.ingest.setPaused(true);
    t.ingest.setGroup('host/node-1');
    const filter2 = { group: 'host/node-1' };
    t.transport.send({
      type: 'tree:snapshot',
      payload: { seq: 1, filter: filter2, processes: [makeProcess({ execId: 'h' })] },
    });
    t.transport.send({
      type: 'tree:delta',
      payload: { seq: 2, filter: filter2, upserts: [makeProcess({ execId: 'h2' })], removes: [] },
    });
    t.scheduler.flush();
    expect([...t.store.getState().tree.processes.keys()]).toEqual(['h']);
    expect(t.store.getState().held).toBe(1);
    t.ingest.setPaused(false);
    expect([...t.store.getState().tree.processes.keys()]).toEqual(['h', 'h2']);
  });

  it('shows a refused subscription as an error', async () => {
    t.transport.subscribeAck = { ok: false, error: 'bad group' };
    t.ingest.setGroup('pod/a/b');
    await flushPromises();
    expect(t.store.getState().tree).toMatchObject({
      group: 'pod/a/b',
      status: 'error',
      error: 'bad group',
    });
  });
});
