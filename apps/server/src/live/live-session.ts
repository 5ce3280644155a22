import type {
  InfoResponse,
  ResyncReason,
  TreeChanges,
  TreeFilter,
  TreeReader,
} from '@exectree/domain';
import type { ResyncMetricReason, ServerMetrics } from '../metrics/server-metrics.ts';
import { ALL_SEQ_EVENTS, dropQueued, hasQueued, measureBacklog } from './backlog.ts';
import type { GroupChanges } from './change-index.ts';
import { TreeSubscription } from './tree-subscription.ts';
import type { LiveSocket } from './types.ts';

export interface BacklogLimits {
  /** Queued (unsent) deltas at which a socket is told to resync instead of getting more. */
  maxDeltas: number;
  /** Encoded size of queued deltas at which a socket is told to resync. */
  maxDeltaBytes: number;
  /**
   * A socket told to resync that has read everything but not asked within this time gets
   * fresh snapshots anyway, so a client that ignores `sync:required` still recovers (its
   * seq check sees the gap).
   */
  resyncGraceMs: number;
}

export const DEFAULT_BACKLOG_LIMITS: BacklogLimits = {
  maxDeltas: 100,
  maxDeltaBytes: 8 * 1024 * 1024,
  resyncGraceMs: 3_000,
};

export interface SessionOptions {
  limits: BacklogLimits;
  metrics: Pick<ServerMetrics, 'resyncs'>;
}

export interface DeltaBatch {
  changes: TreeChanges;
  byGroup: ReadonlyMap<string, GroupChanges>;
}

/**
 * One connected browser. Every message it receives (but `server:info`) carries the next
 * number of its own counter, so a client seeing anything but last+1 knows it missed
 * something. Nothing here waits for the client: a socket that does not keep up is told to
 * resync and its queued messages are dropped.
 */
export class LiveSession {
  private seq = 0;
  private subscription: TreeSubscription | null = null;
  /** Set from `sync:required` until the socket is resynced; no deltas are sent meanwhile. */
  private pendingResync: { drainedAt: number | undefined } | undefined;

  constructor(
    readonly socket: LiveSocket,
    private readonly reader: TreeReader,
    private readonly options: SessionOptions,
  ) {
    socket.data.filter = null;
  }

  /** The seq the next message will carry; acks report it so the client knows which snapshot answers. */
  get nextSeq(): number {
    return this.seq + 1;
  }

  sendInfo(info: InfoResponse): void {
    this.socket.emit('server:info', info);
  }

  sendGroupsSnapshot(): void {
    this.socket.emit('groups:snapshot', {
      seq: ++this.seq,
      groups: this.reader.groups(),
      markers: this.reader.markers(),
    });
  }

  sendTreeSnapshot(): void {
    const subscription = this.subscription;
    if (!subscription) return;
    this.socket.emit('tree:snapshot', {
      seq: ++this.seq,
      filter: subscription.filter,
      processes: subscription.snapshot(this.reader),
    });
  }

  /** Replaces the subscription; returns the seq of the snapshot the caller sends next. */
  subscribe(filter: TreeFilter): number {
    // A snapshot the client has not even received yet is superseded, not queued twice.
    if (hasQueued(this.socket, ['tree:snapshot'])) {
      dropQueued(this.socket, ['tree:snapshot', 'tree:delta']);
    }
    this.subscription = new TreeSubscription(filter);
    this.socket.data.filter = filter;
    return this.nextSeq;
  }

  unsubscribe(): void {
    this.subscription = null;
    this.socket.data.filter = null;
  }

  /** Starts a resync; returns the seq of the first snapshot, which `sendSnapshots` sends. */
  beginResync(reason: Exclude<ResyncMetricReason, 'backlog'>): number {
    if (this.pendingResync || hasQueued(this.socket, ['groups:snapshot', 'tree:snapshot'])) {
      dropQueued(this.socket, ALL_SEQ_EVENTS);
    }
    this.pendingResync = undefined;
    this.options.metrics.resyncs.inc({ reason });
    return this.nextSeq;
  }

  sendSnapshots(): void {
    this.sendGroupsSnapshot();
    this.sendTreeSnapshot();
  }

  /** Called on every flush tick, with the drained batch when there was one. */
  flush(batch: DeltaBatch | undefined, now: number): void {
    if (this.pendingResync) {
      this.resyncIfIgnored(now);
      return;
    }
    const { limits } = this.options;
    const backlog = measureBacklog(this.socket);
    if (backlog.deltas >= limits.maxDeltas || backlog.deltaBytes >= limits.maxDeltaBytes) {
      this.requireResync();
      return;
    }
    if (batch) this.sendDeltas(batch);
  }

  private sendDeltas({ changes, byGroup }: DeltaBatch): void {
    this.socket.emit('groups:delta', {
      seq: ++this.seq,
      groups: changes.groups,
      markers: changes.markers,
    });
    const subscription = this.subscription;
    const mine = subscription?.delta(byGroup);
    if (!subscription || !mine) return;
    this.socket.emit('tree:delta', { seq: ++this.seq, filter: subscription.filter, ...mine });
  }

  /**
   * The trees finished rebuilding after a start: what this socket was sent meanwhile is
   * partial, and no deltas were sent, so it must take fresh snapshots.
   */
  requireSnapshotsAfterRebuild(): void {
    this.requireSnapshots('rebuilt');
  }

  private requireResync(): void {
    this.options.metrics.resyncs.inc({ reason: 'backlog' });
    this.requireSnapshots('backlog');
  }

  /** Stops deltas until the socket takes fresh snapshots, and tells it why. */
  private requireSnapshots(reason: ResyncReason): void {
    dropQueued(this.socket, ALL_SEQ_EVENTS);
    this.pendingResync = { drainedAt: undefined };
    this.socket.emit('sync:required', { seq: ++this.seq, reason });
  }

  private resyncIfIgnored(now: number): void {
    const pending = this.pendingResync;
    if (!pending) return;
    if (measureBacklog(this.socket).packets > 0) {
      pending.drainedAt = undefined;
      return;
    }
    pending.drainedAt ??= now;
    if (now - pending.drainedAt < this.options.limits.resyncGraceMs) return;
    this.beginResync('fallback');
    this.sendSnapshots();
  }
}
