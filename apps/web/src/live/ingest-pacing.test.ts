import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { Process } from '@exectree/domain';
import { makeProcess } from '../test/fixtures.ts';
import { FakeTransport } from '../test/fake-transport.ts';
import { initialLiveState, type LiveState } from '../stores/live-store.ts';
import { createManualScheduler } from './frame-scheduler.ts';
import { createIngest } from './ingest.ts';

const G = 'pod/default/xwing';
const filter = { group: G };
const snapshot = (seq: number, processes: Process[]) =>
  ({ type: 'tree:snapshot', payload: { seq, filter, processes } }) as const;
const delta = (seq: number, execId: string) => ({
  type: 'tree:delta' as const,
  payload: { seq, filter, upserts: [makeProcess({ execId, parentExecId: 'a' })], removes: [] },
});

describe('ingest pacing of deltas', () => {
  let clock = 0;
  const transport = new FakeTransport();
  const scheduler = createManualScheduler();
  const store = create<LiveState>()(() => initialLiveState());
  let commits = 0;
  store.subscribe(() => (commits += 1));
  let ingest: ReturnType<typeof createIngest>;

  beforeEach(() => {
    vi.useFakeTimers();
    clock = 1_000;
    ingest = createIngest({
      transport,
      scheduler,
      store,
      deltaIntervalMs: 250,
      now: () => clock,
    });
    transport.status({ kind: 'connected' });
    ingest.setGroup(G);
    scheduler.flush();
    transport.send(snapshot(1, [makeProcess({ execId: 'a' })]));
    scheduler.flush();
    commits = 0;
  });

  afterEach(() => {
    ingest.dispose();
    vi.useRealTimers();
  });

  const size = () => store.getState().tree.processes.size;

  it('holds deltas that follow a commit closely, then commits them together', () => {
    transport.send(delta(2, 'p1'));
    scheduler.flush();
    expect(commits).toBe(0);
    expect(size()).toBe(1);

    clock += 100;
    transport.send(delta(3, 'p2'));
    scheduler.flush();
    expect(commits).toBe(0);

    clock += 150;
    vi.advanceTimersByTime(250);
    expect(scheduler.pending()).toBe(true);
    scheduler.flush();
    expect(commits).toBe(1);
    expect(size()).toBe(3);
  });

  it('commits a delta on the next frame once the interval has passed', () => {
    clock += 300;
    transport.send(delta(2, 'p1'));
    scheduler.flush();
    expect(commits).toBe(1);
    expect(size()).toBe(2);
  });

  it('does not hold back a snapshot or a status change', () => {
    transport.send(delta(2, 'p1'));
    transport.status({ kind: 'disconnected', everConnected: true, attempt: 1, reason: 'x' });
    scheduler.flush();
    expect(commits).toBe(1);
    expect(size()).toBe(2);
    expect(store.getState().connection.status).toBe('reconnecting');
  });

  it('commits held deltas at once when asked to flush', () => {
    transport.send(delta(2, 'p1'));
    scheduler.flush();
    expect(size()).toBe(1);
    ingest.flush();
    expect(size()).toBe(2);
  });
});

describe('ingest deriving a commit ahead of it', () => {
  it('runs the derivation steps in tasks of their own, then writes the commit', () => {
    vi.useFakeTimers();
    const transport = new FakeTransport();
    const scheduler = createManualScheduler();
    const store = create<LiveState>()(() => initialLiveState());
    const prepared: number[] = [];
    const ingest = createIngest({
      transport,
      scheduler,
      store,
      prepare: (processes) => [
        () => prepared.push(processes.size),
        () => prepared.push(-processes.size),
      ],
    });
    transport.status({ kind: 'connected' });
    ingest.setGroup(G);
    scheduler.flush();
    transport.send(snapshot(1, [makeProcess({ execId: 'a' }), makeProcess({ execId: 'b' })]));
    scheduler.flush();
    // The first step runs with the reduction, the second in a task of its own, then the commit.
    expect(prepared).toEqual([2]);
    expect(store.getState().tree.processes.size).toBe(0);
    vi.advanceTimersToNextTimer();
    expect(prepared).toEqual([2, -2]);
    expect(store.getState().tree.processes.size).toBe(0);
    vi.advanceTimersToNextTimer();
    expect(store.getState().tree.processes.size).toBe(2);

    // A flush while a commit waits writes it first (its steps left), so nothing builds on
    // stale state.
    transport.send(delta(2, 'c'));
    scheduler.flush();
    transport.send(delta(3, 'd'));
    scheduler.flush();
    expect(store.getState().tree.processes.size).toBe(3);
    expect(prepared).toEqual([2, -2, 3, 4]);
    ingest.flush();
    expect(store.getState().tree.processes.size).toBe(4);
    ingest.dispose();
    vi.useRealTimers();
  });
});
