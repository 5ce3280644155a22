import {
  RANK_EMBEDDED,
  RANK_EVENT,
  RANK_EXEC,
  bareSnapshot,
  type ParsedEvent,
  type ProcessSnapshot,
} from '@exectree/domain';

/** Processes whose snapshots one generation keeps (see RepeatSnapshotFilter). */
const DEFAULT_GENERATION = 50_000;

interface Applied {
  node: string;
  snapshot: ProcessSnapshot;
}

/** Structural equality of parsed JSON values; key order counts, as it does for pod keys. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i += 1) {
    const key = keysA[i] as string;
    if (key !== keysB[i] || !same(Reflect.get(a, key), Reflect.get(b, key))) return false;
  }
  return true;
}

/**
 * Drops, during a rebuild, the snapshots that cannot change the tree. Most stored events
 * repeat what earlier ones said: every child's event carries its parent, every exit and
 * probe event its process. Each field merges as a maximum by (rank, value) (ADR 0001), so a
 * snapshot identical to one already applied from the same node at the same or a higher
 * rank changes nothing; skipping it saves most of the replay's merge work.
 */
export class RepeatSnapshotFilter {
  /**
   * Per exec id, the last snapshot applied at each rank (index = rank), in two generations:
   * once `recent` holds `generation` processes it becomes `older` and the one before is
   * dropped. A process's events sit close together in the store, so nearly every repeat is
   * still found, and the snapshots kept (garbage the collector walks on every pass) stay
   * bounded whatever the store's size. A snapshot not found is applied in full: always safe.
   */
  private recent = new Map<string, (Applied | undefined)[]>();
  private older = new Map<string, (Applied | undefined)[]>();

  constructor(private readonly generation = DEFAULT_GENERATION) {}

  strip(event: ParsedEvent): ParsedEvent {
    const { process } = event;
    // An exit without exec_id places its stand-in from the parent snapshot: keep it all.
    if (event.exit && process && !process.execId) return event;
    let changed = false;
    let keptProcess = process;
    if (process?.execId) {
      const rank = event.type === 'process_exec' ? RANK_EXEC : RANK_EVENT;
      if (this.seen(process, process.execId, rank, event.node)) {
        // The exit, probe count and rank still need the process's identity.
        keptProcess = bareSnapshot(process.execId);
        changed = true;
      }
    }
    let keptParent = event.parent;
    if (keptParent?.execId && this.seen(keptParent, keptParent.execId, RANK_EMBEDDED, event.node)) {
      keptParent = undefined;
      changed = true;
    }
    const keptAncestors = event.ancestors.filter(
      (ancestor) =>
        !ancestor.execId || !this.seen(ancestor, ancestor.execId, RANK_EMBEDDED, event.node),
    );
    if (keptAncestors.length !== event.ancestors.length) changed = true;
    return changed
      ? { ...event, process: keptProcess, parent: keptParent, ancestors: keptAncestors }
      : event;
  }

  /** True when an identical snapshot was applied at `rank` or higher; else records this one. */
  private seen(snapshot: ProcessSnapshot, execId: string, rank: number, node: string): boolean {
    const slots = this.slotsOf(execId);
    for (let r = rank; r <= RANK_EXEC; r += 1) {
      const slot = slots[r];
      if (slot && slot.node === node && same(slot.snapshot, snapshot)) return true;
    }
    slots[rank] = { node, snapshot };
    return false;
  }

  private slotsOf(execId: string): (Applied | undefined)[] {
    let slots = this.recent.get(execId);
    if (slots) return slots;
    slots = this.older.get(execId) ?? [];
    if (this.recent.size >= this.generation) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(execId, slots);
    return slots;
  }
}
