interface Entry<T> {
  key: number;
  seq: number;
  value: T;
}

/** Binary min-heap on (key, insertion order), so equal keys come out first-in first-out. */
export class MinHeap<T> {
  private readonly entries: Entry<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.entries.length;
  }

  push(key: number, value: T): void {
    const entries = this.entries;
    entries.push({ key, seq: this.seq++, value });
    let i = entries.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!before(entries, i, up)) break;
      swap(entries, i, up);
      i = up;
    }
  }

  peekKey(): number | undefined {
    return this.entries[0]?.key;
  }

  pop(): { key: number; value: T } | undefined {
    const entries = this.entries;
    const top = entries[0];
    if (top === undefined) return undefined;
    const last = entries.pop();
    if (last !== undefined && entries.length > 0) {
      entries[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < entries.length && before(entries, left, smallest)) smallest = left;
        if (right < entries.length && before(entries, right, smallest)) smallest = right;
        if (smallest === i) break;
        swap(entries, i, smallest);
        i = smallest;
      }
    }
    return { key: top.key, value: top.value };
  }
}

function before<T>(entries: Entry<T>[], i: number, j: number): boolean {
  const a = entries[i];
  const b = entries[j];
  if (a === undefined || b === undefined) return false;
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}

function swap<T>(entries: Entry<T>[], i: number, j: number): void {
  const a = entries[i];
  const b = entries[j];
  if (a === undefined || b === undefined) return;
  entries[i] = b;
  entries[j] = a;
}
