import {
  DELTA_FLUSH_INTERVAL_MS,
  type InfoResponse,
  type TreeReader,
  type TreeWriter,
} from '@exectree/domain';
import type { Log } from '../log.ts';
import { hasChanges, indexByGroup } from './change-index.ts';
import { LiveSession } from './live-session.ts';
import { registerSocketHandlers } from './socket-handlers.ts';
import type { LiveServer } from './types.ts';

export interface LiveHubDeps {
  io: LiveServer;
  reader: TreeReader;
  writer: Pick<TreeWriter, 'drainChanges'>;
  info: () => InfoResponse;
  log: Log;
  flushIntervalMs?: number;
}

export interface LiveHub {
  /** Drains the builder once and sends the batched deltas; the timer calls it. */
  flush(): void;
  close(): void;
}

export function createLiveHub(deps: LiveHubDeps): LiveHub {
  const sessions = new Map<string, LiveSession>();

  deps.io.on('connection', (socket) => {
    const session = new LiveSession(socket, deps.reader);
    sessions.set(socket.id, session);
    socket.on('disconnect', () => sessions.delete(socket.id));
    registerSocketHandlers(session);
    session.sendInfo(deps.info());
    session.sendGroupsSnapshot();
  });

  const flush = () => {
    const changes = deps.writer.drainChanges();
    if (!hasChanges(changes) || sessions.size === 0) return;
    const byGroup = indexByGroup(changes);
    for (const session of sessions.values()) session.sendDeltas(changes, byGroup);
  };

  const timer = setInterval(() => {
    try {
      flush();
    } catch (error) {
      deps.log(`live: flush failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, deps.flushIntervalMs ?? DELTA_FLUSH_INTERVAL_MS);

  return {
    flush,
    close() {
      clearInterval(timer);
      sessions.clear();
    },
  };
}
