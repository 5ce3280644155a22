/**
 * What the ingest bridge holds back while the user has paused live updates. Everything
 * that would change what is on screen waits here, in arrival order, and is applied in one
 * commit on resume. Two things still pass: connection status, and the first snapshot of a
 * stream that has none yet (a pod opened while paused must still show its tree). A pause
 * long enough to hold more than `limit` messages stops keeping them and asks for fresh
 * snapshots on resume instead, so memory stays bounded however long the pause.
 */
import type { Process } from '@exectree/domain';
import type { IngestItem } from './reduce.ts';

/** What the screen shows right now, as far as holding is concerned. */
export interface HoldView {
  /** The open group's tree has had its first snapshot. */
  treeReady: boolean;
  groupsReady: boolean;
}

export function mustHold(item: IngestItem, view: HoldView): boolean {
  switch (item.type) {
    case 'tree:delta':
      return true;
    case 'tree:snapshot':
      return view.treeReady;
    case 'groups:delta':
      return true;
    case 'groups:snapshot':
      return view.groupsReady;
    default:
      return false;
  }
}

/** The fields whose change a user would notice on a card or bar. */
function signature(p: Process): string {
  return [p.state, p.exitTime, p.status, p.signal, p.parentExecId, p.binary, p.eventCount].join(
    '\u0000',
  );
}

const isTree = (item: IngestItem) => item.type === 'tree:snapshot' || item.type === 'tree:delta';
const isGroups = (item: IngestItem) =>
  item.type === 'groups:snapshot' || item.type === 'groups:delta';

export const HOLD_LIMIT = 5_000;

export interface Drained {
  items: IngestItem[];
  /** Messages were dropped: the stores need fresh snapshots (`sync:request`). */
  resync: boolean;
}

export class HoldBuffer {
  private items: IngestItem[] = [];
  /** Exec ids started, changed or removed by the held tree messages. */
  private touched = new Set<string>();
  private overflowed = false;

  constructor(private readonly limit = HOLD_LIMIT) {}

  /** Processes that would change on resume: the "N new" count. */
  get changes(): number {
    return this.touched.size;
  }

  get size(): number {
    return this.items.length;
  }

  /** Holds `item`; `shown` is the tree on screen, to count what a held snapshot changes. */
  add(item: IngestItem, shown: ReadonlyMap<string, Process>): void {
    if (item.type === 'tree:snapshot') {
      // A snapshot replaces the tree: earlier held tree messages no longer matter.
      this.items = this.items.filter((held) => !isTree(held));
      this.touched = new Set();
      const next = new Set<string>();
      for (const p of item.payload.processes) {
        next.add(p.execId);
        const before = shown.get(p.execId);
        if (!before || signature(before) !== signature(p)) this.touched.add(p.execId);
      }
      for (const id of shown.keys()) if (!next.has(id)) this.touched.add(id);
    } else if (item.type === 'tree:delta') {
      // Upserts that only repeat what is on screen (a parent re-sent unchanged) do not count.
      for (const p of item.payload.upserts) {
        const before = shown.get(p.execId);
        if (!before || signature(before) !== signature(p)) this.touched.add(p.execId);
      }
      for (const id of item.payload.removes) if (shown.has(id)) this.touched.add(id);
    } else if (item.type === 'groups:snapshot') {
      this.items = this.items.filter((held) => !isGroups(held));
    }
    if (this.overflowed) return;
    this.items.push(item);
    if (this.items.length > this.limit) {
      this.items = [];
      this.overflowed = true;
    }
  }

  /** Forgets held tree messages: the user opened another group. */
  dropTree(): void {
    this.items = this.items.filter((held) => !isTree(held));
    this.touched = new Set();
  }

  /** Everything held, in arrival order; the buffer is empty afterwards. */
  drain(): Drained {
    const drained = { items: this.items, resync: this.overflowed };
    this.items = [];
    this.touched = new Set();
    this.overflowed = false;
    return drained;
  }
}
