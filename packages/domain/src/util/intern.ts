/**
 * Shares one copy of strings that repeat across many records (node names, working
 * directories, binaries). Bounded: once `capacity` distinct strings are held the table
 * starts over, so a stream of unique values cannot grow it without limit; strings already
 * shared stay shared.
 */
export class StringIntern {
  private readonly table = new Map<string, string>();

  constructor(private readonly capacity = 16_384) {}

  intern(value: string): string {
    const known = this.table.get(value);
    if (known !== undefined) return known;
    if (this.table.size >= this.capacity) this.table.clear();
    this.table.set(value, value);
    return value;
  }

  get size(): number {
    return this.table.size;
  }
}
