import { setOnlyMatches, setRange, useExplorerStore } from '../../stores/explorer-store.ts';
import { formatTimestamp } from '../../view/format.ts';
import type { TimeRange } from '../../view/time-range.ts';
import { EmptyState } from '../EmptyState/EmptyState.tsx';

/** Why the timeline has no rows, and the way back. */
export function TimelineEmpty({ range }: { range: TimeRange | null }) {
  const onlyMatches = useExplorerStore((s) => s.onlyMatches);
  if (range !== null) {
    return (
      <div className="tl-empty">
        <EmptyState
          icon="clock"
          title="Nothing ran in this time range"
          testId="timeline-empty-range"
          actions={
            <button type="button" className="btn" onClick={() => setRange(null)}>
              Clear time range
            </button>
          }
        >
          <p>
            No process of this group was alive between {formatTimestamp(range.from)} and{' '}
            {formatTimestamp(range.to)}.
          </p>
        </EmptyState>
      </div>
    );
  }
  if (onlyMatches) {
    return (
      <div className="tl-empty">
        <EmptyState
          icon="search"
          title="No process matches"
          testId="timeline-empty-matches"
          actions={
            <button type="button" className="btn" onClick={() => setOnlyMatches(false)}>
              Show all processes
            </button>
          }
        />
      </div>
    );
  }
  return (
    <div className="tl-empty">
      <EmptyState icon="timeline" title="No processes to show" testId="timeline-empty" />
    </div>
  );
}
