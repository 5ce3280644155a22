import { useExplorerStore } from '../../stores/explorer-store.ts';
import type { TimeRange } from '../../view/time-range.ts';
import { EmptyState } from '../EmptyState/EmptyState.tsx';
import { EmptyRange, NoMatches } from '../EmptyState/FilterEmptyStates.tsx';

/** Why the timeline has no rows, and the way back. */
export function TimelineEmpty({ range }: { range: TimeRange | null }) {
  const onlyMatches = useExplorerStore((s) => s.onlyMatches);
  return (
    <div className="tl-empty">
      {range !== null ? (
        <EmptyRange range={range} testId="timeline-empty-range" />
      ) : onlyMatches ? (
        <NoMatches testId="timeline-empty-matches" />
      ) : (
        <EmptyState icon="timeline" title="No processes to show" testId="timeline-empty" />
      )}
    </div>
  );
}
