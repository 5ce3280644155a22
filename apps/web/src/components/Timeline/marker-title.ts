import type { LossMarker } from '@exectree/domain';
import { formatCount, formatTimestamp } from '../../view/format.ts';

/** "Tetragon dropped 407 events (rate limit) at …": why the tree may be incomplete there. */
export function markerTitle(marker: LossMarker): string {
  const when = formatTimestamp(marker.time);
  if (marker.kind === 'rate_limit') {
    const count = marker.dropped === null ? 'events' : `${formatCount(marker.dropped)} events`;
    return `Tetragon dropped ${count} (rate limit) at ${when}; processes may be missing here.`;
  }
  const phase = marker.throttleType === 'THROTTLE_STOP' ? 'stopped throttling' : 'throttled';
  return `Tetragon ${phase} events${marker.cgroup ? ` of ${marker.cgroup}` : ''} at ${when}; processes may be missing here.`;
}
