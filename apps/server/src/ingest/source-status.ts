import type { SourceKind, SourceStatus } from '@exectree/domain';

/** The live counters of one source; `snapshot()` is what the API reports. */
export class SourceTracker {
  connected = false;
  linesRead = 0;
  accepted = 0;
  rejected = 0;
  lastError: string | null = null;

  constructor(
    readonly id: string,
    readonly kind: SourceKind,
    readonly target: string,
  ) {}

  snapshot(): SourceStatus {
    return {
      id: this.id,
      kind: this.kind,
      target: this.target,
      connected: this.connected,
      linesRead: this.linesRead,
      accepted: this.accepted,
      rejected: this.rejected,
      lastError: this.lastError,
    };
  }
}

export class SourceRegistry {
  private readonly trackers = new Map<string, SourceTracker>();

  add(id: string, kind: SourceKind, target: string): SourceTracker {
    if (this.trackers.has(id)) throw new Error(`duplicate source id ${id}`);
    const tracker = new SourceTracker(id, kind, target);
    this.trackers.set(id, tracker);
    return tracker;
  }

  list(): SourceStatus[] {
    return [...this.trackers.values()].map((tracker) => tracker.snapshot());
  }
}
