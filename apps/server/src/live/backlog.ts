import type { LiveSocket } from './types.ts';

/**
 * What engine.io still holds for a socket because its transport is busy (a websocket whose
 * peer stopped reading, a long-poll client that has not polled). engine.io keeps this queue
 * private, so it is read defensively: if its shape ever changes, the queue looks empty and
 * nothing is dropped, rather than anything failing.
 */
export interface Backlog {
  /** Every queued packet, ours or not (acks, pings). */
  packets: number;
  /** Queued `groups:delta` and `tree:delta` messages and their encoded size. */
  deltas: number;
  deltaBytes: number;
  /** Queued `groups:snapshot` and `tree:snapshot` messages. */
  snapshots: number;
}

export type SeqEvent = 'groups:snapshot' | 'groups:delta' | 'tree:snapshot' | 'tree:delta';
export const ALL_SEQ_EVENTS: readonly SeqEvent[] = [
  'groups:snapshot',
  'groups:delta',
  'tree:snapshot',
  'tree:delta',
];

/** socket.io encodes an event of the main namespace as `2["name",payload]`. */
const SEQ_MESSAGE = /^2\["((?:groups|tree):(?:snapshot|delta))"/;

function queueOf(socket: LiveSocket): unknown[] | undefined {
  const queue: unknown = Reflect.get(socket.conn, 'writeBuffer');
  return Array.isArray(queue) ? queue : undefined;
}

function encoded(packet: unknown): string | undefined {
  if (typeof packet !== 'object' || packet === null) return undefined;
  const type: unknown = Reflect.get(packet, 'type');
  const data: unknown = Reflect.get(packet, 'data');
  return type === 'message' && typeof data === 'string' ? data : undefined;
}

function eventOf(data: string | undefined): SeqEvent | undefined {
  const name = data === undefined ? undefined : SEQ_MESSAGE.exec(data.slice(0, 24))?.[1];
  return ALL_SEQ_EVENTS.find((event) => event === name);
}

export function measureBacklog(socket: LiveSocket): Backlog {
  const queue = queueOf(socket) ?? [];
  const backlog: Backlog = { packets: queue.length, deltas: 0, deltaBytes: 0, snapshots: 0 };
  for (const packet of queue) {
    const data = encoded(packet);
    const event = eventOf(data);
    if (event === 'groups:delta' || event === 'tree:delta') {
      backlog.deltas += 1;
      backlog.deltaBytes += data?.length ?? 0;
    } else if (event !== undefined) {
      backlog.snapshots += 1;
    }
  }
  return backlog;
}

/** Removes our queued messages of the given events; acks and engine packets stay. */
export function dropQueued(socket: LiveSocket, events: readonly SeqEvent[]): number {
  const queue = queueOf(socket);
  if (!queue) return 0;
  let dropped = 0;
  for (let index = queue.length - 1; index >= 0; index -= 1) {
    const event = eventOf(encoded(queue[index]));
    if (event !== undefined && events.includes(event)) {
      queue.splice(index, 1);
      dropped += 1;
    }
  }
  return dropped;
}

/** Whether a message of one of these events is still waiting to be sent. */
export function hasQueued(socket: LiveSocket, events: readonly SeqEvent[]): boolean {
  const queue = queueOf(socket) ?? [];
  return queue.some((packet) => {
    const event = eventOf(encoded(packet));
    return event !== undefined && events.includes(event);
  });
}
