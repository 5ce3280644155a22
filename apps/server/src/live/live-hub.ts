import type { InfoResponse, TreeChanges, TreeReader } from '@exectree/domain';
import { setTimeout as delay } from 'node:timers/promises';
import type { ChangeFeed } from '../changes/change-feed.ts';
import type { RebuildStatus } from '../engine-rebuild.ts';
import type { Log } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import { measureBacklog } from './backlog.ts';
import { hasChanges, indexByGroup } from './change-index.ts';
import { DEFAULT_BACKLOG_LIMITS, LiveSession, type BacklogLimits } from './live-session.ts';
import { registerSocketHandlers } from './socket-handlers.ts';
import type { LiveServer } from './types.ts';

export interface LiveHubDeps {
  io: LiveServer;
  reader: TreeReader;
  /** The engine's drain of the tree; the hub sends what each tick hands it. */
  changes: Pick<ChangeFeed, 'subscribe' | 'flush'>;
  info: () => InfoResponse;
  log: Log;
  metrics: ServerMetrics;
  backlog?: Partial<BacklogLimits>;
  now?: () => number;
  /**
   * The tree being rebuilt after a start: its drains are the replay, not news, so no deltas
   * go out until it is done; then every socket is told to take fresh snapshots.
   */
  rebuild?: Pick<RebuildStatus, 'progress' | 'onDone'>;
}

const SETTLE_POLL_MS = 10;

export interface LiveHub {
  /** Drains the tree now (for every listener) and sends the batched deltas. */
  flush(): void;
  /** Flushes, then gives sockets up to `timeoutMs` to take what is queued for them. */
  flushAndSettle(timeoutMs: number): Promise<void>;
  close(): void;
}

export function createLiveHub(deps: LiveHubDeps): LiveHub {
  const sessions = new Map<string, LiveSession>();
  const { metrics } = deps;
  const now = deps.now ?? Date.now;
  const sessionOptions = {
    limits: { ...DEFAULT_BACKLOG_LIMITS, ...deps.backlog },
    metrics,
  };
  metrics.registry.gauge('exectree_socket_clients', 'Connected socket.io clients.', () => [
    { value: sessions.size },
  ]);

  deps.io.on('connection', (socket) => {
    const session = new LiveSession(socket, deps.reader, sessionOptions);
    sessions.set(socket.id, session);
    socket.on('disconnect', () => sessions.delete(socket.id));
    registerSocketHandlers(session);
    session.sendInfo(deps.info());
    session.sendGroupsSnapshot();
  });

  let rebuilding = deps.rebuild !== undefined && deps.rebuild.progress() !== null;
  deps.rebuild?.onDone(() => {
    if (!rebuilding) return;
    rebuilding = false;
    for (const session of sessions.values()) session.requireSnapshotsAfterRebuild();
  });

  /** Emits are synchronous and only queue; a slow client is never waited for. */
  const send = (changes: TreeChanges) => {
    if (rebuilding) return;
    const changed = hasChanges(changes);
    if (changed) {
      metrics.deltaBatches.inc();
      metrics.deltaBatchSize.observe(changes.upserts.length + changes.removes.length);
    }
    if (sessions.size === 0) return;
    const batch = changed ? { changes, byGroup: indexByGroup(changes) } : undefined;
    const at = now();
    for (const session of sessions.values()) session.flush(batch, at);
  };

  const unsubscribe = deps.changes.subscribe(send);
  const flush = () => deps.changes.flush();

  const settled = () =>
    [...sessions.values()].every((session) => measureBacklog(session.socket).packets === 0);

  return {
    flush,
    async flushAndSettle(timeoutMs) {
      flush();
      const deadline = Date.now() + timeoutMs;
      while (!settled() && Date.now() < deadline) await delay(SETTLE_POLL_MS);
    },
    close() {
      unsubscribe();
      sessions.clear();
    },
  };
}
