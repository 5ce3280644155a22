/**
 * The exec ids forgotten most recently (retention, the per-pod process limit), so that a
 * late event for one of them is dropped instead of bringing it back as a fresh, partial
 * process. Bounded: a ring of `capacity` ids; the oldest falls out when it is full.
 */
export class Tombstones {
  private readonly ids = new Set<string>();
  /** Grows to `capacity`, then is overwritten oldest first from `next`. */
  private readonly ring: string[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  add(execId: string): void {
    if (this.capacity <= 0 || this.ids.has(execId)) return;
    if (this.ring.length < this.capacity) {
      this.ring.push(execId);
    } else {
      this.ids.delete(this.ring[this.next] as string);
      this.ring[this.next] = execId;
      this.next = (this.next + 1) % this.capacity;
    }
    this.ids.add(execId);
  }

  has(execId: string): boolean {
    return this.ids.has(execId);
  }

  get size(): number {
    return this.ids.size;
  }
}
