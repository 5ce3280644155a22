/**
 * Real processes by node:pid:start, to match exits that carried only pid and start time.
 * Tetragon's exits name their exec_id, so the index stays off (empty) until the first exit
 * without one arrives; `activate` then fills it from every process. Once on, every process
 * is in it, so it is kept small: the key is a 30-bit hash of the node:pid:start text (a
 * small integer, not a string), the value one exec id, or an array when several share a
 * hash. Lookups check each candidate's actual key, so collisions never match wrongly.
 */
export class PidStartIndex {
  private readonly byHash = new Map<number, string | string[]>();
  private on = false;

  /** `keyOf(execId)`: the current node:pid:start key of an indexed process. */
  constructor(
    private readonly keyOf: (execId: string) => string | undefined,
    private readonly hashOf: (key: string) => number = fnv30,
  ) {}

  get active(): boolean {
    return this.on;
  }

  /** Turns the index on with every process, as (key, exec id) pairs. */
  activate(processes: Iterable<[string, string]>): void {
    if (this.on) return;
    this.on = true;
    for (const [key, execId] of processes) this.add(key, execId);
  }

  add(key: string, execId: string): void {
    if (!this.on) return;
    const hash = this.hashOf(key);
    const known = this.byHash.get(hash);
    if (known === undefined) this.byHash.set(hash, execId);
    else if (typeof known === 'string') {
      if (known !== execId) this.byHash.set(hash, [known, execId]);
    } else if (!known.includes(execId)) known.push(execId);
  }

  remove(key: string, execId: string): void {
    const hash = this.hashOf(key);
    const known = this.byHash.get(hash);
    if (known === undefined) return;
    if (typeof known === 'string') {
      if (known === execId) this.byHash.delete(hash);
      return;
    }
    const rest = known.filter((id) => id !== execId);
    if (rest.length === known.length) return;
    this.byHash.set(hash, rest.length === 1 ? (rest[0] as string) : rest);
  }

  /** The processes whose key is `key`. */
  matches(key: string): string[] {
    const known = this.byHash.get(this.hashOf(key));
    if (known === undefined) return [];
    const candidates = typeof known === 'string' ? [known] : known;
    return candidates.filter((id) => this.keyOf(id) === key);
  }

  has(key: string): boolean {
    return this.matches(key).length > 0;
  }
}

/** FNV-1a over the UTF-16 code units, folded to 30 bits so V8 keeps it as a small integer. */
function fnv30(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 30)) & 0x3fffffff;
}
