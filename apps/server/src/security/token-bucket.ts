export interface BucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Most tokens a bucket holds: the largest burst. */
  capacity: number;
  /** Most keys tracked; full buckets are dropped first (they are the default state). */
  maxKeys?: number;
  now?: () => number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

const DEFAULT_MAX_KEYS = 10_000;

/** One token bucket per key (a client address), created full. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(private readonly options: BucketOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Takes `cost` tokens if the bucket has them; otherwise says when it will. */
  take(key: string, cost: number): Take {
    const bucket = this.refilled(key);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true };
    }
    const wait =
      (Math.min(cost, this.options.capacity) - bucket.tokens) / this.options.ratePerSecond;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }

  /** Charges `cost` whatever the bucket holds (it may go below zero): work already done. */
  charge(key: string, cost: number): void {
    this.refilled(key).tokens -= cost;
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      this.makeRoom(now);
      bucket = { tokens: this.options.capacity, at: now };
      this.buckets.set(key, bucket);
    } else {
      const earned = ((now - bucket.at) / 1000) * this.options.ratePerSecond;
      bucket.tokens = Math.min(this.options.capacity, bucket.tokens + earned);
      bucket.at = now;
    }
    return bucket;
  }

  private makeRoom(now: number): void {
    if (this.buckets.size < (this.options.maxKeys ?? DEFAULT_MAX_KEYS)) return;
    const { ratePerSecond, capacity } = this.options;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond >= capacity) {
        this.buckets.delete(key);
      }
    }
    // Every bucket in use: the oldest key goes, which errs on the side of letting it in.
    if (this.buckets.size >= (this.options.maxKeys ?? DEFAULT_MAX_KEYS)) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
