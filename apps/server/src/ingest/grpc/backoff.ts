export interface BackoffOptions {
  /** First delay after a failure. */
  initialMs?: number;
  /** Delays double up to this. */
  maxMs?: number;
}

export const DEFAULT_BACKOFF = { initialMs: 500, maxMs: 30_000 };

/** Exponential reconnect delays: initial, doubling to max; reset() after a stream that worked. */
export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private nextMs: number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? DEFAULT_BACKOFF.initialMs;
    this.maxMs = Math.max(options.maxMs ?? DEFAULT_BACKOFF.maxMs, this.initialMs);
    this.nextMs = this.initialMs;
  }

  next(): number {
    const delay = this.nextMs;
    this.nextMs = Math.min(this.nextMs * 2, this.maxMs);
    return delay;
  }

  reset(): void {
    this.nextMs = this.initialMs;
  }
}
