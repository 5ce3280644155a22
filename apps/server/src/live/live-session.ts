import type { InfoResponse, TreeChanges, TreeFilter, TreeReader } from '@exectree/domain';
import type { GroupChanges } from './change-index.ts';
import type { LiveSocket } from './types.ts';

/**
 * One connected browser. Every message it receives carries the next number of its own
 * counter, so a client seeing anything but last+1 knows it missed something.
 */
export class LiveSession {
  private seq = 0;

  constructor(
    readonly socket: LiveSocket,
    private readonly reader: TreeReader,
  ) {
    socket.data.filter = null;
  }

  get filter(): TreeFilter | null {
    return this.socket.data.filter ?? null;
  }

  set filter(filter: TreeFilter | null) {
    this.socket.data.filter = filter;
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
    const filter = this.filter;
    if (!filter) return;
    this.socket.emit('tree:snapshot', {
      seq: ++this.seq,
      filter,
      processes: this.reader.processes(filter.group),
    });
  }

  sendDeltas(changes: TreeChanges, byGroup: ReadonlyMap<string, GroupChanges>): void {
    this.socket.emit('groups:delta', {
      seq: ++this.seq,
      groups: changes.groups,
      markers: changes.markers,
    });
    const filter = this.filter;
    const mine = filter ? byGroup.get(filter.group) : undefined;
    if (!filter || !mine) return;
    this.socket.emit('tree:delta', {
      seq: ++this.seq,
      filter,
      upserts: mine.upserts,
      removes: mine.removes,
    });
  }
}
