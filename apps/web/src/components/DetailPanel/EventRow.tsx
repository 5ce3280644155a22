import { memo, useState } from 'react';
import type { EventSummary } from '../../view/event-summary.ts';
import { printable } from '../../view/format.ts';
import { CopyJsonButton } from './CopyJsonButton.tsx';

/** "12:54:45.615" from an RFC 3339 time, keeping milliseconds. */
function clock(time: string | null): string {
  if (time === null) return '—';
  const match = /T(\d\d:\d\d:\d\d)(\.\d{1,3})?/.exec(time);
  return match ? `${match[1]}${match[2] ?? ''}` : printable(time);
}

interface EventRowProps {
  summary: EventSummary;
  event: unknown;
}

/** One event: a one-line summary that opens to its raw JSON. */
export const EventRow = memo(function EventRow({ summary, event }: EventRowProps) {
  const [open, setOpen] = useState(false);
  return (
    <li className="devent" data-testid="event-row" data-type={summary.type}>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="devent__summary">
          <span className="devent__time mono" title={summary.time ?? undefined}>
            {clock(summary.time)}
          </span>
          <span className={`devent__kind devent__kind--${summary.kind}`}>{summary.kind}</span>
          <span className="devent__hook mono">
            {printable(summary.hook ?? '')}
            {summary.policy && (
              <span className="devent__policy"> · {printable(summary.policy)}</span>
            )}
          </span>
          <span className="devent__line mono" title={printable(summary.summary)}>
            {printable(summary.summary)}
          </span>
        </summary>
        {open && (
          <div className="devent__raw">
            <CopyJsonButton value={event} label="Copy this event as JSON" />
            <pre className="devent__json" data-testid="event-json">
              {JSON.stringify(event, null, 2)}
            </pre>
          </div>
        )}
      </details>
    </li>
  );
});
