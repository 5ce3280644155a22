/**
 * The exits without exec_id whose process has not been seen (their stand-in is shown),
 * by node:pid:start key, oldest first. A flood of exits for processes that never appear
 * would otherwise keep a stand-in each forever: beyond `capacity` the oldest are let go.
 */
export class WaitingExits {
  private readonly keys = new Set<string>();
  private dropped = 0;

  constructor(private readonly capacity: number) {}

  set(key: string, waiting: boolean): void {
    if (waiting) this.keys.add(key);
    else this.keys.delete(key);
  }

  /**
   * The keys to let go when over capacity, oldest first, counted as evicted. A tenth more
   * than the excess goes at once, so that a flood costs one pass per many exits.
   */
  overflow(): string[] {
    if (this.keys.size <= this.capacity) return [];
    const keep = Math.floor(this.capacity * 0.9);
    const out: string[] = [];
    for (const key of this.keys) {
      if (this.keys.size - out.length <= keep) break;
      out.push(key);
    }
    this.dropped += out.length;
    return out;
  }

  get evicted(): number {
    return this.dropped;
  }

  get size(): number {
    return this.keys.size;
  }
}
