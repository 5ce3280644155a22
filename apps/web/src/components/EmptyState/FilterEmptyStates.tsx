import { setOnlyMatches, setRange } from '../../stores/explorer-store.ts';
import { formatTimestamp } from '../../view/format.ts';
import type { TimeRange } from '../../view/time-range.ts';
import { EmptyState } from './EmptyState.tsx';

/** The time range left nothing alive; offers to clear it. */
export function EmptyRange({ range, testId }: { range: TimeRange; testId: string }) {
  return (
    <EmptyState
      icon="clock"
      title="Nothing ran in this time range"
      testId={testId}
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
  );
}

/** "Only matches" is on and nothing matches; offers to show everything again. */
export function NoMatches({ testId }: { testId: string }) {
  return (
    <EmptyState
      icon="search"
      title="No process matches"
      testId={testId}
      actions={
        <button type="button" className="btn" onClick={() => setOnlyMatches(false)}>
          Show all processes
        </button>
      }
    />
  );
}
