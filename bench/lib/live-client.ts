import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, Process, ServerToClientEvents } from '@exectree/domain';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A process seen by the client for the first time, with the wall-clock time it arrived. */
export interface Arrival {
  process: Process;
  /** performance.timeOrigin + performance.now() when the message was handled. */
  at: number;
  via: 'delta' | 'snapshot';
}

export interface LiveClientStats {
  deltas: number;
  upserts: number;
  snapshots: number;
  resyncs: number;
  seqGaps: number;
}

export interface LiveClient {
  stats: LiveClientStats;
  close(): void;
}

/** `promise`, or an error naming `what` after `ms`. */
function within<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`socket.io: no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * A socket.io client subscribed to one group, as the browser is: it follows `seq`, asks
 * for a resync after a gap or `sync:required`, and reports each process the first time
 * it holds it.
 */
export async function subscribe(
  url: string,
  group: string,
  onArrival: (arrival: Arrival) => void,
): Promise<LiveClient> {
  const socket: LiveSocket = io(url, { transports: ['websocket'], reconnection: false });
  const stats: LiveClientStats = { deltas: 0, upserts: 0, snapshots: 0, resyncs: 0, seqGaps: 0 };
  const seen = new Set<string>();
  let lastSeq = 0;

  const arrive = (processes: readonly Process[], via: Arrival['via']) => {
    const at = wallNow();
    for (const process of processes) {
      if (seen.has(process.execId)) continue;
      seen.add(process.execId);
      onArrival({ process, at, via });
    }
  };
  const resync = () => {
    stats.resyncs += 1;
    socket.emit('sync:request', (ack: Ack<{ seq: number }>) => {
      if (ack.ok) lastSeq = ack.data.seq - 1;
    });
  };
  const follow = (seq: number) => {
    if (lastSeq !== 0 && seq !== lastSeq + 1) {
      stats.seqGaps += 1;
      lastSeq = seq;
      resync();
      return;
    }
    lastSeq = seq;
  };

  socket.on('groups:snapshot', (m) => follow(m.seq));
  socket.on('groups:delta', (m) => follow(m.seq));
  socket.on('sync:required', (m) => {
    lastSeq = m.seq;
    resync();
  });
  // This client subscribes once, so every tree message is for its subscription. (The ack and
  // the snapshot can be handled in the same tick, before code after the ack runs.)
  socket.on('tree:delta', (m) => {
    follow(m.seq);
    stats.deltas += 1;
    stats.upserts += m.upserts.length;
    arrive(m.upserts, 'delta');
  });
  const snapshot = new Promise<void>((resolve) => {
    socket.on('tree:snapshot', (m) => {
      follow(m.seq);
      stats.snapshots += 1;
      arrive(m.processes, 'snapshot');
      resolve();
    });
  });

  try {
    await within(
      'connect',
      15_000,
      new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (error) => reject(error));
      }),
    );
    const ack = await within(
      'the tree:subscribe ack',
      15_000,
      new Promise<Ack<{ seq: number }>>((resolve) =>
        socket.emit('tree:subscribe', { filter: { group } }, resolve),
      ),
    );
    if (!ack.ok) throw new Error(`tree:subscribe refused: ${ack.error}`);
    await within('the tree:snapshot', 60_000, snapshot);
  } catch (error) {
    socket.close();
    throw error;
  }
  return { stats, close: () => socket.close() };
}
