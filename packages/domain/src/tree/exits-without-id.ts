import type { ExitInfo } from '../tetragon/parsed-event.ts';
import { maxExit } from './exit-merge.ts';
import { PidStartIndex } from './pid-start-index.ts';
import { pidStartKeyOf, type ProcessEntry } from './process-entry.ts';
import { WaitingExits } from './waiting-exits.ts';

/**
 * Exits that carried only pid and start_time (no exec_id), by node:pid:start key, and the
 * processes they match. Each has a stand-in entry, shown until a process with that key is
 * known; the exit then counts for that process. See docs/tree-semantics.md.
 */
export class ExitsWithoutId {
  private readonly exits = new Map<string, ExitInfo>();
  private readonly byKey: PidStartIndex;
  /** The exits whose stand-in is shown (no process matches yet), oldest first. */
  private readonly waiting: WaitingExits;

  constructor(entryOf: (execId: string) => ProcessEntry | undefined, waitingCapacity: number) {
    this.byKey = new PidStartIndex((id) => {
      const entry = entryOf(id);
      return entry && pidStartKeyOf(entry);
    });
    this.waiting = new WaitingExits(waitingCapacity);
  }

  /** A process's key while matching is on (from the first exit without exec_id), else undefined. */
  keyOf(entry: ProcessEntry): string | undefined {
    return this.byKey.active ? pidStartKeyOf(entry) : undefined;
  }

  /** Turns matching on with every process, as (key, exec id) pairs. */
  activate(processes: () => Iterable<[string, string]>): void {
    if (!this.byKey.active) this.byKey.activate(processes());
  }

  /** Keeps the index right after a process's key changed from `before` to `after`. */
  rekey(execId: string, before: string | undefined, after: string | undefined): void {
    if (before !== undefined) this.byKey.remove(before, execId);
    if (after !== undefined) this.byKey.add(after, execId);
  }

  get(key: string): ExitInfo | undefined {
    return this.exits.get(key);
  }

  set(key: string, exit: ExitInfo): void {
    this.exits.set(key, exit);
  }

  /** The processes an exit with this key belongs to. */
  matches(key: string): string[] {
    return this.byKey.matches(key);
  }

  /**
   * Removes a dropped process from the index and deletes the exits keyed by it (its own, as
   * a stand-in, or the one it matched); returns the keys whose exit was deleted.
   */
  drop(entry: ProcessEntry): string[] {
    const key = this.keyOf(entry);
    if (key !== undefined) this.byKey.remove(key, entry.execId);
    return [key, entry.pendingExitKey].filter(
      (k): k is string => k !== undefined && this.exits.delete(k),
    );
  }

  /** A stand-in is hidden without its exit, or once a process with its key is known. */
  isHidden(entry: ProcessEntry): boolean {
    const key = entry.pendingExitKey;
    if (key === undefined) return false;
    return !this.exits.has(key) || this.byKey.has(key);
  }

  /** The exit of a stand-in, or the later of a process's own exit and the one matching it. */
  exitOf(entry: ProcessEntry): ExitInfo | undefined {
    if (entry.pendingExitKey !== undefined) return this.exits.get(entry.pendingExitKey);
    if (this.exits.size === 0) return entry.exit;
    const key = pidStartKeyOf(entry);
    return maxExit(entry.exit, key !== undefined ? this.exits.get(key) : undefined);
  }

  /** Records whether the stand-in of the exit with this key is shown. */
  setWaiting(key: string, waiting: boolean): void {
    this.waiting.set(key, waiting);
  }

  /** The keys of the oldest waiting exits to let go when too many wait (see WaitingExits). */
  overflow(): string[] {
    return this.waiting.overflow();
  }

  get waitingCount(): number {
    return this.waiting.size;
  }

  get evicted(): number {
    return this.waiting.evicted;
  }
}
