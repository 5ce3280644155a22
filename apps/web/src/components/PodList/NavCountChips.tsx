import type { NavCounts } from '../../view/navigator.ts';
import { formatCount, plural } from '../../view/format.ts';
import { Icon } from '../Icon/Icon.tsx';

type Part = 'alerts' | 'activity' | 'both';

/**
 * Counts of a navigator row: the alerts (flagged processes, container restarts) and the
 * activity (running, and exited unless `compact`). Pod rows show the two on separate lines.
 */
export function NavCountChips({
  counts,
  part = 'both',
  compact = false,
}: {
  counts: NavCounts;
  part?: Part;
  compact?: boolean;
}) {
  const alerts = part !== 'activity';
  const activity = part !== 'alerts';
  return (
    <span className="navcounts" aria-hidden="true">
      {alerts && counts.restarts > 0 && (
        <span
          className="navcounts__restarts"
          title={plural(counts.restarts, 'container restart')}
          data-testid="restart-badge"
        >
          <Icon name="restart" size={11} />
          {formatCount(counts.restarts)}
        </span>
      )}
      {alerts && counts.flagged > 0 && (
        <span
          className="navcounts__flagged"
          title={`${formatCount(counts.flagged)} flagged`}
          data-testid="flagged-count"
        >
          <Icon name="flag" size={11} />
          {formatCount(counts.flagged)}
        </span>
      )}
      {activity && counts.running > 0 && (
        <span className="navcounts__running" title={`${formatCount(counts.running)} running`}>
          <span className="navcounts__dot" />
          {formatCount(counts.running)}
        </span>
      )}
      {activity && !compact && (
        <span className="navcounts__exited" title={`${formatCount(counts.exited)} exited`}>
          {formatCount(counts.exited)} exited
        </span>
      )}
    </span>
  );
}
