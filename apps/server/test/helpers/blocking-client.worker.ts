/**
 * A real socket.io client on long-polling, in a worker thread, whose handler can block its
 * whole event loop: while blocked it polls for nothing, exactly like a stalled browser tab.
 * Run through blocking-client.ts, which explains the messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TreeFilter } from '@exectree/domain';
import type { FromWorker, ToWorker } from './blocking-client.ts';

const { url, gate, answersSyncRequired } = workerData as {
  url: string;
  gate: SharedArrayBuffer;
  answersSyncRequired: boolean;
};
const port = parentPort;
if (!port) throw new Error('run me as a worker');
const report = (message: FromWorker) => port.postMessage(message);
const gateView = new Int32Array(gate);

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
  transports: ['polling'],
  reconnection: false,
});

socket.onAny((event: string, payload: { seq?: number; upserts?: unknown[] } | undefined) => {
  const processes = (payload as { processes?: unknown[] } | undefined)?.processes;
  report({
    kind: 'message',
    event,
    seq: payload?.seq ?? null,
    count: processes?.length ?? payload?.upserts?.length ?? null,
  });
  // A current client answers sync:required at once; an older one ignores it.
  if (event === 'sync:required' && answersSyncRequired) socket.emit('sync:request', () => {});
});

port.on('message', (message: ToWorker) => {
  if (message.kind === 'subscribe') {
    const filter: TreeFilter = message.filter;
    socket.emit('tree:subscribe', { filter }, (ack) => report({ kind: 'subscribed', ok: ack.ok }));
  } else if (message.kind === 'block') {
    report({ kind: 'blocked' });
    Atomics.wait(gateView, 0, 0);
    report({ kind: 'unblocked' });
  } else {
    socket.close();
  }
});
