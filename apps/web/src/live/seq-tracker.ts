/**
 * Every server message carries one per-socket `seq`. A message that is not last+1 means
 * one was missed; the client cannot know which stream it belonged to, so both the groups
 * and the tree are stale until their next snapshot.
 */
export type SeqVerdict = 'ok' | 'gap' | 'stale';

export class SeqTracker {
  private last: number | null = null;

  /** Forget the baseline: the next message starts a new sequence (a new connection). */
  reset(): void {
    this.last = null;
  }

  observe(seq: number): SeqVerdict {
    if (this.last !== null && seq <= this.last) return 'stale';
    const verdict = this.last === null || seq === this.last + 1 ? 'ok' : 'gap';
    this.last = seq;
    return verdict;
  }
}
