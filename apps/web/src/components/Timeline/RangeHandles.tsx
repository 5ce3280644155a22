import { useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { timeMs } from '@exectree/domain';
import { formatTimestamp } from '../../view/format.ts';
import { isoFromMs, rangeFromMs, type TimeRange } from '../../view/time-range.ts';
import { timeToX, xToTime, type Domain } from '../../view/timeline-scale.ts';

interface RangeHandlesProps {
  range: TimeRange;
  domain: Domain;
  width: number;
  axisRef: RefObject<HTMLDivElement | null>;
  /** While dragging: the range as it would be (null: drag ended or cancelled). */
  onDraft: (range: TimeRange | null) => void;
  onCommit: (range: TimeRange) => void;
}

type Edge = 'from' | 'to';

/** The brushed range on the axis, with a grip on each edge to drag or nudge with the keys. */
export function RangeHandles({
  range,
  domain,
  width,
  axisRef,
  onDraft,
  onCommit,
}: RangeHandlesProps) {
  const dragging = useRef<{ edge: Edge; draft: TimeRange } | null>(null);
  const fromMs = timeMs(range.from);
  const toMs = timeMs(range.to);
  const x0 = timeToX(fromMs, domain, width);
  const x1 = timeToX(toMs, domain, width);

  const moved = (edge: Edge, ms: number): TimeRange => {
    // The edge that did not move keeps its exact (maybe nanosecond) value.
    const other = edge === 'from' ? range.to : range.from;
    const otherMs = edge === 'from' ? toMs : fromMs;
    if (edge === 'from' ? ms <= otherMs : ms >= otherMs) {
      return edge === 'from'
        ? { from: isoFromMs(ms), to: other }
        : { from: other, to: isoFromMs(ms) };
    }
    return rangeFromMs(ms, otherMs);
  };

  const onPointerDown = (edge: Edge) => (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    dragging.current = { edge, draft: range };
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragging.current;
    if (!drag) return;
    event.stopPropagation();
    const left = axisRef.current?.getBoundingClientRect().left ?? 0;
    const x = Math.max(0, Math.min(width, event.clientX - left));
    drag.draft = moved(drag.edge, xToTime(x, domain, width));
    onDraft(drag.draft);
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragging.current;
    if (!drag) return;
    event.stopPropagation();
    dragging.current = null;
    onDraft(null);
    onCommit(drag.draft);
  };

  const onKeyDown = (edge: Edge) => (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    event.stopPropagation();
    const step = ((domain[1] - domain[0]) * (event.shiftKey ? 10 : 1)) / 100;
    const at = edge === 'from' ? fromMs : toMs;
    onCommit(moved(edge, at + (event.key === 'ArrowLeft' ? -step : step)));
  };

  const handle = (edge: Edge, x: number, ms: number, value: string) => (
    <div
      className={`tl-handle tl-handle--${edge}`}
      style={{ left: x }}
      role="slider"
      tabIndex={0}
      aria-label={edge === 'from' ? 'Range start' : 'Range end'}
      aria-valuemin={domain[0]}
      aria-valuemax={domain[1]}
      aria-valuenow={ms}
      aria-valuetext={formatTimestamp(value)}
      title={`${edge === 'from' ? 'From' : 'To'} ${formatTimestamp(value)}. Drag, or use ← →.`}
      data-testid={`range-handle-${edge}`}
      onPointerDown={onPointerDown(edge)}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown(edge)}
      onDoubleClick={(event) => event.stopPropagation()}
    />
  );

  return (
    <>
      <div
        className="tl-axis__range"
        style={{ left: Math.max(0, x0), width: Math.max(0, Math.min(width, x1) - Math.max(0, x0)) }}
        aria-hidden="true"
      />
      {x0 >= -1 && x0 <= width + 1 && handle('from', x0, fromMs, range.from)}
      {x1 >= -1 && x1 <= width + 1 && handle('to', x1, toMs, range.to)}
    </>
  );
}
