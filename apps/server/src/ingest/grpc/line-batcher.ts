import type { NumberedLine } from '../line-splitter.ts';

export const DEFAULT_MAX_BATCH_LINES = 250;

/**
 * Groups lines that arrive in the same turn of the event loop into one batch, so a burst of
 * events becomes one pipeline transaction instead of one per event. A batch is handed over
 * at the end of the turn, or as soon as it holds maxLines.
 */
export class LineBatcher {
  private pending: NumberedLine[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly sink: (lines: NumberedLine[]) => void,
    private readonly maxLines = DEFAULT_MAX_BATCH_LINES,
  ) {}

  push(line: NumberedLine): void {
    this.pending.push(line);
    if (this.pending.length >= this.maxLines) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    this.sink(lines);
  }
}
