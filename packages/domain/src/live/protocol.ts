/**
 * The socket.io contract between server and browser. Payloads from the browser are
 * validated with the zod schemas below; the types are derived from them.
 */
import { z } from 'zod';
import type { Process } from '../process.ts';
import type { GroupSummary, LossMarker } from '../tree/summary.ts';
import type { InfoResponse } from '../api/dto.ts';

/** Longest accepted value of each filter field; longer ones are rejected, not truncated. */
export const TREE_FILTER_LIMITS = {
  group: 512,
  namespace: 253,
  pod: 253,
  binary: 4096,
  text: 256,
} as const;

const field = (max: number) => z.string().min(1).max(max).optional();

/**
 * Which processes a tree subscription receives. Every given field must match (AND); at
 * least one is required.
 */
export const treeFilterSchema = z
  .object({
    /** Group key, exactly, e.g. "pod/default/xwing" or "host/node-1". */
    group: field(TREE_FILTER_LIMITS.group),
    /** Pod namespace, exactly; only processes of pod groups match. */
    namespace: field(TREE_FILTER_LIMITS.namespace),
    /** Pod name, exactly; only processes of pod groups match. */
    pod: field(TREE_FILTER_LIMITS.pod),
    /** The binary's full path or its basename, exactly: "/usr/bin/curl" or "curl". */
    binary: field(TREE_FILTER_LIMITS.binary),
    /** Case-insensitive substring of the binary path, the arguments or the cwd. */
    text: field(TREE_FILTER_LIMITS.text),
  })
  .refine((filter) => Object.values(filter).some((value) => value !== undefined), {
    message: 'a filter needs at least one of group, namespace, pod, binary, text',
  });
export type TreeFilter = z.infer<typeof treeFilterSchema>;

export const subscribeRequestSchema = z.object({ filter: treeFilterSchema });
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

/**
 * Every message a socket receives carries `seq`, one counter per socket, except
 * `server:info`, which carries none. A client that sees anything but last+1 has missed a
 * message and asks for `sync:request`.
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

/** The processes matching `filter` (the subscription as the server parsed it). */
export interface TreeSnapshot {
  seq: number;
  filter: TreeFilter;
  processes: Process[];
}

/**
 * Changes to the matching set since the previous tree message: `upserts` replace by
 * `execId`; `removes` are exec ids that no longer match (left the group, were merged away,
 * or changed so the filter no longer applies).
 */
export interface TreeDelta {
  seq: number;
  filter: TreeFilter;
  upserts: Process[];
  removes: string[];
}

/** `backlog`: the socket fell behind; `rebuilt`: the trees finished rebuilding after a start. */
export type ResyncReason = 'backlog' | 'rebuilt';

/**
 * The server stopped sending this socket deltas (it fell too far behind) and dropped what
 * was still queued for it. The client should send `sync:request`; until it does it gets no
 * deltas. Carries `seq` like every message but `server:info`.
 */
export interface SyncRequired {
  seq: number;
  reason: ResyncReason;
}

export interface ServerToClientEvents {
  'server:info': (info: InfoResponse) => void;
  'groups:snapshot': (snapshot: GroupsSnapshot) => void;
  'groups:delta': (delta: GroupsDelta) => void;
  'tree:snapshot': (snapshot: TreeSnapshot) => void;
  'tree:delta': (delta: TreeDelta) => void;
  'sync:required': (notice: SyncRequired) => void;
}

/**
 * Acks that answer with `{ seq }` name the seq the first snapshot sent in reply will carry,
 * so the client can drop tree messages of an older subscription (they have a lower seq).
 */
export interface ClientToServerEvents {
  /** Replace the socket's tree subscription; the answer is followed by a `tree:snapshot`. */
  'tree:subscribe': (
    request: SubscribeRequest,
    ack: (result: Ack<{ seq: number }>) => void,
  ) => void;
  'tree:unsubscribe': (ack: (result: Ack<null>) => void) => void;
  /**
   * After a gap or `sync:required`: the server sends fresh `groups:snapshot` and (when
   * subscribed) `tree:snapshot`, then deltas again.
   */
  'sync:request': (ack: (result: Ack<{ seq: number }>) => void) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  filter: TreeFilter | null;
}

/** The server's idle flush interval; while events arrive it flushes 20 ms after one changed the tree. */
export const DELTA_FLUSH_INTERVAL_MS = 100;
