import type { ParsedEvent } from '../tetragon/parsed-event.ts';
import { compareTime } from '../util/time.ts';
import type { LossMarker } from './summary.ts';

/** The marker a loss line (rate_limit_info, process_throttle) stands for; undefined for others. */
export function lossMarkerOf(event: ParsedEvent): LossMarker | undefined {
  const loss = event.loss;
  if (!loss) return undefined;
  return {
    id: event.id,
    node: event.node,
    time: event.time ?? null,
    kind: loss.kind,
    dropped: loss.dropped ?? null,
    throttleType: loss.throttleType ?? null,
    cgroup: loss.cgroup ?? null,
  };
}

/** Loss lines (rate_limit_info, process_throttle) as markers, once per distinct line. */
export class LossMarkers {
  private readonly byId = new Map<string, LossMarker>();
  private fresh: LossMarker[] = [];

  add(event: ParsedEvent): void {
    if (this.byId.has(event.id)) return;
    const marker = lossMarkerOf(event);
    if (!marker) return;
    this.byId.set(event.id, marker);
    this.fresh.push(marker);
  }

  forget(ids: Iterable<string>): void {
    for (const id of ids) this.byId.delete(id);
  }

  /** Time order, then id. */
  list(): LossMarker[] {
    return [...this.byId.values()].sort(
      (a, b) => compareTime(a.time, b.time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  /** Markers first seen since the last call. */
  takeNew(): LossMarker[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}
