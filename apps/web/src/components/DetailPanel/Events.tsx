import { useMemo, useState } from 'react';
import { summarizeEvent } from '../../view/event-summary.ts';
import { formatCount } from '../../view/format.ts';
import { CopyJsonButton } from './CopyJsonButton.tsx';
import { EventRow } from './EventRow.tsx';

const PAGE = 100;

/** The raw Tetragon events of this process (exec, exit, kprobes…), in time order. */
export function Events({ events }: { events: readonly unknown[] }) {
  const [shown, setShown] = useState(PAGE);
  const summaries = useMemo(() => events.slice(0, shown).map(summarizeEvent), [events, shown]);
  const probes = useMemo(
    () => summaries.filter((s) => s.kind !== 'exec' && s.kind !== 'exit').length,
    [summaries],
  );
  return (
    <section className="dsection" aria-labelledby="details-events" data-testid="events">
      <div className="dsection__row">
        <h3 className="dsection__title" id="details-events">
          Events <span className="dsection__count">{formatCount(events.length)}</span>
        </h3>
        {events.length > 0 && (
          <CopyJsonButton value={events} label="Copy all events as JSON">
            Copy JSON
          </CopyJsonButton>
        )}
      </div>
      {events.length === 0 ? (
        <p className="dsection__empty">No events are stored for this process.</p>
      ) : (
        <>
          {probes === 0 && events.length <= shown && (
            <p className="dsection__empty">No kprobe or tracepoint events, only its lifecycle.</p>
          )}
          <ol className="devents">
            {summaries.map((summary, i) => (
              <EventRow key={i} summary={summary} event={events[i]} />
            ))}
          </ol>
          {events.length > shown && (
            <button
              type="button"
              className="btn btn--small devents__more"
              onClick={() => setShown((n) => n + PAGE * 5)}
            >
              Show {formatCount(Math.min(PAGE * 5, events.length - shown))} more of{' '}
              {formatCount(events.length - shown)}
            </button>
          )}
        </>
      )}
    </section>
  );
}
