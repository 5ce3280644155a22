import { memo, useMemo } from 'react';
import type { Process } from '@exectree/domain';
import type { TimelineRow as Row } from '../../view/timeline-rows.ts';
import { groupBars, laneBars, type BarFrame, type DrawnBar } from '../../view/timeline-bars.ts';
import type { ProcessLookup } from '../../view/time-range.ts';
import { processStatus } from '../../view/status.ts';
import { basename, formatMs, formatTimestamp, plural, printable } from '../../view/format.ts';
import { chainLabel, countOutcomes } from '../../view/grouping.ts';
import { spanOf } from '../../view/timeline-scale.ts';

export const ROW_HEIGHT = 28;
const INDENT = 14;

interface TimelineRowProps {
  row: Row;
  index: number;
  selected: boolean;
  tabbable: boolean;
  matched: boolean;
  dimmed: boolean;
  frame: BarFrame;
  lookup: ProcessLookup;
  onActivate: (row: Row) => void;
  onToggle: (row: Row) => void;
  onFocusRow: (id: string) => void;
}

function barTitle(bar: DrawnBar, row: Row, lookup: ProcessLookup, now: number): string {
  if (bar.count > 1) return `${plural(bar.count, 'process', 'processes')} · ${bar.tone}`;
  const process = lookup(bar.execId);
  if (!process) return '';
  const span = spanOf(process, lookup);
  const end = span.end ?? now;
  const ran = Number.isNaN(span.start) ? '' : ` (${formatMs(end - span.start)})`;
  const until = process.state === 'running' ? 'running' : formatTimestamp(process.exitTime);
  const name = row.item.kind === 'group' ? chainLabel(row.item.chain) : basename(process.binary);
  return `${printable(name)} · ${processStatus(process).description}\n${formatTimestamp(process.startTime)} → ${until}${ran}`;
}

/** "4 running · 171 exit 0 · 1 failed", as the graph's group card says it. */
function outcomeSummary(outcomes: readonly Process[]): string {
  const c = countOutcomes(outcomes);
  return [
    c.running > 0 && `${c.running} running`,
    c.ok > 0 && `${c.ok} exit 0`,
    c.failed > 0 && `${c.failed} failed`,
    c.signaled > 0 && `${c.signaled} killed`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** One row: the process (indented like the tree) on the left, its bars on the shared axis. */
export const TimelineRow = memo(function TimelineRow({
  row,
  index,
  selected,
  tabbable,
  matched,
  dimmed,
  frame,
  lookup,
  onActivate,
  onToggle,
  onFocusRow,
}: TimelineRowProps) {
  const { item } = row;
  const bars = useMemo(
    () =>
      item.kind === 'process'
        ? laneBars(item.images, frame, lookup)
        : groupBars(item.members, item.outcomes, frame, lookup),
    [item, frame, lookup],
  );

  const process = item.kind === 'process' ? item.process : null;
  const status = process ? processStatus(process) : null;
  const name =
    item.kind === 'process'
      ? item.images.map((image) => basename(image.binary)).join(' → ')
      : chainLabel(item.chain);
  const detail = item.kind === 'process' ? item.process.arguments : outcomeSummary(item.outcomes);
  const canToggle = item.childCount > 0;
  const label =
    item.kind === 'process'
      ? `${process?.binary ?? ''} ${process?.arguments ?? ''}`.trim() +
        (status ? ` — ${status.description}` : '')
      : `${chainLabel(item.chain)} ×${item.members.length}, ${plural(item.size, 'process', 'processes')}`;

  const last = bars[bars.length - 1];
  const running = process?.state === 'running';
  let duration: string | null = null;
  if (item.kind === 'process' && last) {
    const start = spanOf(item.images[0] ?? item.process, lookup).start;
    const end = spanOf(item.process, lookup).end ?? frame.now;
    if (!Number.isNaN(start)) duration = formatMs(end - start);
  }
  const right = last ? last.left + last.width : 0;
  const durationStyle =
    right + 80 < frame.width
      ? { left: right + 6 }
      : last && last.left > 70
        ? { right: frame.width - last.left + 6 }
        : null;

  return (
    <div
      className={`tl-row${selected ? ' tl-row--selected' : ''}${matched ? ' tl-row--match' : ''}${dimmed ? ' tl-row--context' : ''}${item.kind === 'group' ? ' tl-row--group' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      role="row"
      aria-rowindex={index + 1}
      aria-level={row.depth + 1}
      aria-posinset={row.position}
      aria-setsize={row.siblings}
      aria-selected={selected}
      aria-expanded={canToggle ? item.open : undefined}
      aria-label={printable(label)}
      tabIndex={tabbable ? 0 : -1}
      data-row-id={row.id}
      data-exec-id={process?.execId}
      data-kind={item.kind}
      data-testid="timeline-row"
      onClick={() => onActivate(row)}
      onFocus={() => onFocusRow(row.id)}
    >
      <div
        className="tl-row__label"
        role="gridcell"
        style={{ paddingLeft: 8 + row.depth * INDENT }}
      >
        {canToggle ? (
          <button
            type="button"
            className={`tl-row__toggle${item.open ? ' tl-row__toggle--open' : ''}`}
            tabIndex={-1}
            aria-label={item.open ? 'Collapse' : 'Expand'}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(row);
            }}
          >
            <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
              <path d="M3.5 2 7 5 3.5 8" />
            </svg>
          </button>
        ) : (
          <span className="tl-row__toggle-space" aria-hidden="true" />
        )}
        {item.kind === 'group' && <span className="tl-row__count">×{item.members.length}</span>}
        <span className="tl-row__name">{printable(name)}</span>
        {detail && <span className="tl-row__args">{printable(detail)}</span>}
      </div>
      <div className="tl-row__track" role="gridcell">
        {bars.map((bar, i) => (
          <div
            key={`${bar.execId}:${i}`}
            className={`tl-bar tl-bar--${bar.tone}${bar.open ? ' tl-bar--open' : ''}${bar.clippedStart ? ' tl-bar--clip-start' : ''}${bar.count > 1 ? ' tl-bar--merged' : ''}`}
            style={{ left: bar.left, width: bar.width }}
            title={barTitle(bar, row, lookup, frame.now)}
            data-testid="timeline-bar"
            data-tone={bar.tone}
          />
        ))}
        {duration && durationStyle && (
          <span
            className={`tl-row__duration${running ? ' tl-row__duration--running' : ''}`}
            style={durationStyle}
            aria-hidden="true"
          >
            {duration}
          </span>
        )}
      </div>
    </div>
  );
});
