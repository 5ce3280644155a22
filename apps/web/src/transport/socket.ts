/** The only module that imports socket.io-client (enforced by ESLint). */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@exectree/domain';
import {
  isGroupsDelta,
  isGroupsSnapshot,
  isInfo,
  isSyncRequired,
  isTreeDelta,
  isTreeSnapshot,
} from './guards.ts';
import type { LiveTransport, ServerMessage, TransportStatus } from './messages.ts';
import { checkSessionAfterRefusal } from './auth.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

/** Connects to the page's own origin, where the server serves both the app and the stream. */
export function connectSocket(url?: string): LiveSocket {
  const options = {
    path: '/socket.io',
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    timeout: 8_000,
  };
  return url === undefined ? io(options) : io(url, options);
}

/** The app's live socket, for requestFreshSnapshots. */
let current: LiveSocket | null = null;

/**
 * Asks the server for fresh groups and tree snapshots on the open connection (after it has
 * rebuilt its trees). They come in sequence, so the live layer takes them like any other.
 */
export function requestFreshSnapshots(): void {
  current?.timeout(ACK_TIMEOUT_MS).emit('sync:request', () => {});
}

function failed<T>(error: unknown): Ack<T> {
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}

export interface SocketTransportOptions {
  /** Called when a connection attempt is refused; by default checks whether the session ended. */
  onRefused?: () => void;
}

/** Wraps a typed socket.io socket as a LiveTransport; pass a socket to inject one in tests. */
export function createSocketTransport(
  socket: LiveSocket = connectSocket(),
  options: SocketTransportOptions = {},
): LiveTransport {
  const onRefused = options.onRefused ?? (() => void checkSessionAfterRefusal());
  current = socket;
  const messageHandlers = new Set<(message: ServerMessage) => void>();
  const statusHandlers = new Set<(status: TransportStatus) => void>();
  let everConnected = false;
  let attempt = 0;

  const emitMessage = (message: ServerMessage) => {
    for (const handler of messageHandlers) handler(message);
  };
  const emitStatus = (status: TransportStatus) => {
    for (const handler of statusHandlers) handler(status);
  };

  socket.on('server:info', (payload) => {
    if (isInfo(payload)) emitMessage({ type: 'server:info', payload });
  });
  socket.on('groups:snapshot', (payload) => {
    if (isGroupsSnapshot(payload)) emitMessage({ type: 'groups:snapshot', payload });
  });
  socket.on('groups:delta', (payload) => {
    if (isGroupsDelta(payload)) emitMessage({ type: 'groups:delta', payload });
  });
  socket.on('tree:snapshot', (payload) => {
    if (isTreeSnapshot(payload)) emitMessage({ type: 'tree:snapshot', payload });
  });
  socket.on('tree:delta', (payload) => {
    if (isTreeDelta(payload)) emitMessage({ type: 'tree:delta', payload });
  });
  socket.on('sync:required', (payload) => {
    if (isSyncRequired(payload)) emitMessage({ type: 'sync:required', payload });
  });

  socket.on('connect', () => {
    everConnected = true;
    attempt = 0;
    emitStatus({ kind: 'connected' });
  });
  socket.on('disconnect', (reason) => {
    emitStatus({ kind: 'disconnected', reason, attempt, everConnected });
  });
  socket.on('connect_error', (error) => {
    attempt += 1;
    onRefused();
    emitStatus({ kind: 'disconnected', reason: error.message, attempt, everConnected });
  });

  return {
    onMessage(handler) {
      messageHandlers.add(handler);
      return () => messageHandlers.delete(handler);
    },
    onStatus(handler) {
      statusHandlers.add(handler);
      return () => statusHandlers.delete(handler);
    },
    isConnected: () => socket.connected,
    subscribeTree(group) {
      return new Promise((resolve) => {
        socket
          .timeout(ACK_TIMEOUT_MS)
          .emit('tree:subscribe', { filter: { group } }, (error, result) => {
            resolve(error ? failed(error) : result);
          });
      });
    },
    unsubscribeTree() {
      return new Promise((resolve) => {
        socket.timeout(ACK_TIMEOUT_MS).emit('tree:unsubscribe', (error, result) => {
          resolve(error ? failed(error) : result);
        });
      });
    },
    requestSync() {
      return new Promise((resolve) => {
        socket.timeout(ACK_TIMEOUT_MS).emit('sync:request', (error, result) => {
          resolve(error ? failed(error) : result);
        });
      });
    },
    close() {
      if (current === socket) current = null;
      messageHandlers.clear();
      statusHandlers.clear();
      socket.removeAllListeners();
      socket.close();
    },
  };
}
