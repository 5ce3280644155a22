import type { ParseResult, TreeWriter } from '@exectree/domain';
import type { StoredEvent, SyncEventStore } from './event-store.ts';
import { RepeatSnapshotFilter } from './repeat-snapshots.ts';

export interface RebuildResult {
  applied: number;
  /** Stored lines the current parser no longer accepts. */
  skipped: number;
}

export interface TreeReplayDeps {
  store: Pick<SyncEventStore, 'replay'>;
  writer: Pick<TreeWriter, 'apply'>;
  parse: (line: string) => ParseResult;
  /** Stored events the writer already has (applied live while the replay ran): not parsed again. */
  alreadyApplied?: (id: string) => boolean;
  now?: () => number;
}

/** The clock is read once per this many events, not once per event. */
const CLOCK_EVERY = 64;

/**
 * Re-parses every stored line, in insertion order, into the writer, a time slice at a time,
 * so a large store can be replayed while the server answers requests. Events stored after
 * the replay began are read too (the store's replay pages by sequence), except the ones
 * `alreadyApplied` names.
 */
export class TreeReplay {
  readonly result: RebuildResult = { applied: 0, skipped: 0 };
  private readonly events: Iterator<StoredEvent>;
  private readonly repeats = new RepeatSnapshotFilter();
  private readonly now: () => number;
  private finished = false;

  constructor(private readonly deps: TreeReplayDeps) {
    this.events = deps.store.replay()[Symbol.iterator]();
    this.now = deps.now ?? (() => performance.now());
  }

  get done(): boolean {
    return this.finished;
  }

  /** Replays for about `budgetMs`; returns true once every stored event was handed over. */
  step(budgetMs: number): boolean {
    if (this.finished) return true;
    const deadline = this.now() + budgetMs;
    for (let count = 1; ; count += 1) {
      const next = this.events.next();
      if (next.done === true) {
        this.finished = true;
        return true;
      }
      this.replayOne(next.value);
      if (count % CLOCK_EVERY === 0 && this.now() >= deadline) return false;
    }
  }

  private replayOne(stored: StoredEvent): void {
    if (this.deps.alreadyApplied?.(stored.id) === true) return;
    const parsed = this.deps.parse(stored.raw);
    if (parsed.kind !== 'event') {
      this.result.skipped += 1;
      return;
    }
    this.deps.writer.apply(this.repeats.strip(parsed.event));
    this.result.applied += 1;
  }
}
