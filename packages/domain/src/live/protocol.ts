/**
 * The socket.io contract between server and browser. Payloads from the browser are
 * validated with the zod schemas below; the types are derived from them.
 */
import { z } from 'zod';
import type { Process } from '../process.ts';
import type { GroupSummary, LossMarker } from '../tree/summary.ts';
import type { InfoResponse } from '../api/dto.ts';

export const treeFilterSchema = z.object({
  /** Group key, e.g. "pod/default/xwing" or "host/node-1". */
  group: z.string().min(1).max(512),
});
export type TreeFilter = z.infer<typeof treeFilterSchema>;

export const subscribeRequestSchema = z.object({ filter: treeFilterSchema });
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

/**
 * Every message a socket receives carries `seq`, one counter per socket: a client that
 * sees anything but last+1 has missed a message and asks for `sync:request`.
 */
export interface GroupsSnapshot {
  seq: number;
  groups: GroupSummary[];
  markers: LossMarker[];
}

export interface GroupsDelta {
  seq: number;
  groups: GroupSummary[];
  markers: LossMarker[];
}

export interface TreeSnapshot {
  seq: number;
  filter: TreeFilter;
  processes: Process[];
}

export interface TreeDelta {
  seq: number;
  filter: TreeFilter;
  upserts: Process[];
  removes: string[];
}

export interface ServerToClientEvents {
  'server:info': (info: InfoResponse) => void;
  'groups:snapshot': (snapshot: GroupsSnapshot) => void;
  'groups:delta': (delta: GroupsDelta) => void;
  'tree:snapshot': (snapshot: TreeSnapshot) => void;
  'tree:delta': (delta: TreeDelta) => void;
}

export interface ClientToServerEvents {
  /** Replace the socket's tree subscription; the answer is followed by a `tree:snapshot`. */
  'tree:subscribe': (
    request: SubscribeRequest,
    ack: (result: Ack<{ seq: number }>) => void,
  ) => void;
  'tree:unsubscribe': (ack: (result: Ack<null>) => void) => void;
  /** After a gap: the server sends fresh `groups:snapshot` and `tree:snapshot`. */
  'sync:request': (ack: (result: Ack<{ seq: number }>) => void) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  filter: TreeFilter | null;
}

/** The server flushes deltas at most this often. */
export const DELTA_FLUSH_INTERVAL_MS = 100;
