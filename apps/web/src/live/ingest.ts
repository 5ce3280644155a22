/**
 * The bridge between the live transport and the hot store. It
 * - buffers incoming messages and commits them at most once per frame,
 * - checks `seq` continuity and asks for `sync:request` after a gap (or when the server says
 *   `sync:required`), dropping deltas of a stream until that stream's fresh snapshot arrives,
 * - (re)subscribes the tree of the group the UI shows, also after reconnects,
 * - while paused, holds back what would change the screen and applies it all on resume.
 */
import type { LiveTransport, ServerMessage, TransportStatus } from '../transport/messages.ts';
import {
  EMPTY_PROCESSES,
  useLiveStore,
  type LiveState,
  type LiveStoreApi,
} from '../stores/live-store.ts';
import { createAnimationFrameScheduler, type FrameScheduler } from './frame-scheduler.ts';
import { HoldBuffer, mustHold } from './hold-buffer.ts';
import { reduceItems, type IngestItem } from './reduce.ts';
import { SeqTracker } from './seq-tracker.ts';

export interface IngestOptions {
  transport: LiveTransport;
  scheduler?: FrameScheduler;
  store?: LiveStoreApi;
  /** Delay before asking again when a resync request failed. */
  resyncRetryMs?: number;
  /**
   * Commit batches of nothing but deltas at most this often (0: every frame). Each tree
   * commit re-derives the open group's graph, so a fast stream is folded into fewer, bigger
   * commits; snapshots and status changes still commit on the next frame.
   */
  deltaIntervalMs?: number;
  /** Clock for the interval; injectable for tests. */
  now?: () => number;
  /**
   * Steps that derive what the screen shows from a commit's processes before the commit
   * lands. When given, a tree commit is reduced with the first step in one task, each
   * further step runs in a task of its own, and the store is written (and so rendered) in
   * the task after them, so no task carries all the costs.
   */
  prepare?: (processes: LiveState['tree']['processes']) => (() => void)[];
}

export interface Ingest {
  /** Show this group's tree (null: none). */
  setGroup(group: string | null): void;
  /** Hold back updates (true), or apply everything held in one commit (false). */
  setPaused(paused: boolean): void;
  /** Commit buffered messages now. */
  flush(): void;
  dispose(): void;
}

const isDelta = (item: IngestItem) => item.type === 'tree:delta' || item.type === 'groups:delta';

export function createIngest(options: IngestOptions): Ingest {
  const { transport } = options;
  const store = options.store ?? useLiveStore;
  const scheduler = options.scheduler ?? createAnimationFrameScheduler();
  const resyncRetryMs = options.resyncRetryMs ?? 1_000;
  const deltaIntervalMs = options.deltaIntervalMs ?? 0;
  const clock = options.now ?? (() => performance.now());

  const seq = new SeqTracker();
  let buffer: IngestItem[] = [];
  const hold = new HoldBuffer();
  let paused = false;
  let group: string | null = null;
  let groupsFresh = false;
  let treeFresh = false;
  let syncInFlight = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let deferTimer: ReturnType<typeof setTimeout> | null = null;
  let lastCommit = -Infinity;
  /** A reduced commit waiting for its derivation steps, then for its own task. */
  let pending: Partial<LiveState> | null = null;
  let pendingSteps: (() => void)[] = [];
  let pendingTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  /** Bumped on every subscription so a late ack of an older one is ignored. */
  let subscription = 0;

  /** Splits a batch into what applies now and what waits for resume. */
  const admit = (items: IngestItem[]): IngestItem[] => {
    const state = store.getState();
    const view = { treeReady: state.tree.status === 'ready', groupsReady: state.groups !== null };
    const now: IngestItem[] = [];
    for (const item of items) {
      if (mustHold(item, view)) {
        hold.add(item, state.tree.processes);
        continue;
      }
      now.push(item);
      if (item.type === 'tree:snapshot' && item.payload.filter.group === group) {
        view.treeReady = true;
      } else if (item.type === 'groups:snapshot') {
        view.groupsReady = true;
      }
    }
    return now;
  };

  /** Whether a batch of deltas must wait for the interval; if so, a later flush is set up. */
  const deferDeltas = (): boolean => {
    if (deltaIntervalMs <= 0 || !buffer.every(isDelta)) return false;
    const wait = lastCommit + deltaIntervalMs - clock();
    if (wait <= 0) return false;
    deferTimer ??= setTimeout(() => {
      deferTimer = null;
      scheduler.schedule(commitDue);
    }, wait);
    return true;
  };

  /**
   * Writes the waiting commit now, skipping derivation steps not run yet: whatever changes
   * the store next builds on it.
   */
  const commitPending = () => {
    if (pendingTimer !== null) clearTimeout(pendingTimer);
    pendingTimer = null;
    pendingSteps = [];
    const patch = pending;
    pending = null;
    if (patch) store.setState(patch);
  };

  /** Runs the next derivation step, then schedules the one after it or the commit. */
  const stepPending = () => {
    pendingTimer = null;
    const step = pendingSteps.shift();
    if (!step) {
      commitPending();
      return;
    }
    pendingTimer = setTimeout(stepPending, 0);
    step();
  };

  const flush = () => {
    commitPending();
    if (buffer.length === 0) return;
    lastCommit = clock();
    const items = paused ? admit(buffer) : buffer;
    buffer = [];
    const state = store.getState();
    const reduced = reduceItems(state, items);
    const held = paused ? hold.changes : 0;
    const patch = held !== state.held ? { ...reduced, held } : reduced;
    if (!patch) return;
    if (options.prepare && patch.tree && patch.tree.processes !== state.tree.processes) {
      pending = patch;
      pendingSteps = options.prepare(patch.tree.processes);
      stepPending();
      return;
    }
    store.setState(patch);
  };

  const commitDue = () => {
    if (!deferDeltas()) flush();
  };

  const push = (item: IngestItem) => {
    buffer.push(item);
    scheduler.schedule(commitDue);
  };

  const requestSync = () => {
    if (syncInFlight || disposed) return;
    syncInFlight = true;
    store.setState((s) => ({ resyncs: s.resyncs + 1 }));
    void transport.requestSync().then((ack) => {
      syncInFlight = false;
      if (ack.ok || disposed) return;
      retryTimer ??= setTimeout(() => {
        retryTimer = null;
        if (!groupsFresh || (group !== null && !treeFresh)) requestSync();
      }, resyncRetryMs);
    });
  };

  const subscribe = () => {
    const target = group;
    const token = ++subscription;
    treeFresh = false;
    if (target === null) {
      if (transport.isConnected()) void transport.unsubscribeTree();
      return;
    }
    if (!transport.isConnected()) return; // the connect handler subscribes
    void transport.subscribeTree(target).then((ack) => {
      if (ack.ok || disposed || token !== subscription) return;
      store.setState((s) =>
        s.tree.group === target ? { tree: { ...s.tree, status: 'error', error: ack.error } } : {},
      );
    });
  };

  const onMessage = (message: ServerMessage) => {
    if (message.type === 'server:info') {
      push(message);
      return;
    }
    const verdict = seq.observe(message.payload.seq);
    if (verdict === 'stale') return;
    if (verdict === 'gap' || message.type === 'sync:required') {
      groupsFresh = false;
      treeFresh = false;
      requestSync();
    }
    switch (message.type) {
      case 'sync:required':
        break;
      case 'groups:snapshot':
        groupsFresh = true;
        push(message);
        break;
      case 'groups:delta':
        if (groupsFresh) push(message);
        break;
      case 'tree:snapshot':
        if (message.payload.filter.group !== group) break;
        treeFresh = true;
        push(message);
        break;
      case 'tree:delta':
        if (message.payload.filter.group === group && treeFresh) push(message);
        break;
    }
  };

  const onStatus = (status: TransportStatus) => {
    if (status.kind === 'connected') {
      // A new connection is a new seq space; its snapshots arrive on their own.
      seq.reset();
      groupsFresh = false;
      syncInFlight = false;
      subscribe();
    }
    push({ type: 'status', status });
  };

  const offMessage = transport.onMessage(onMessage);
  const offStatus = transport.onStatus(onStatus);
  if (transport.isConnected()) onStatus({ kind: 'connected' });

  return {
    setGroup(next) {
      if (next === group) return;
      commitPending();
      group = next;
      // Drop buffered tree messages of the previous group now; the reducer would too.
      buffer = buffer.filter((item) => item.type !== 'tree:snapshot' && item.type !== 'tree:delta');
      hold.dropTree();
      store.setState({
        held: paused ? hold.changes : 0,
        tree: {
          group: next,
          status: next === null ? 'idle' : 'loading',
          error: null,
          processes: EMPTY_PROCESSES,
        },
      });
      subscribe();
    },
    setPaused(next) {
      if (next === paused) return;
      paused = next;
      if (paused) return;
      // Everything held, then whatever is still buffered, lands in one commit.
      const drained = hold.drain();
      if (drained.resync) {
        groupsFresh = false;
        treeFresh = false;
        buffer = buffer.filter((item) => item.type === 'status' || item.type === 'server:info');
        requestSync();
      } else {
        buffer = [...drained.items, ...buffer];
      }
      if (buffer.length > 0) flush();
      commitPending();
      if (store.getState().held !== 0) store.setState({ held: 0 });
    },
    flush() {
      flush();
      commitPending();
    },
    dispose() {
      disposed = true;
      offMessage();
      offStatus();
      scheduler.cancel();
      if (retryTimer !== null) clearTimeout(retryTimer);
      if (deferTimer !== null) clearTimeout(deferTimer);
      if (pendingTimer !== null) clearTimeout(pendingTimer);
      pending = null;
      buffer = [];
      hold.drain();
    },
  };
}
