import { useEffect, useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import type { LossMarker } from '@exectree/domain';
import {
  panDomain,
  timeToX,
  wheelFactor,
  xToTime,
  zoomDomain,
  type Domain,
  type Tick,
} from '../../view/timeline-scale.ts';
import type { TimeDomain } from './useTimeDomain.ts';
import { markerTitle } from './marker-title.ts';
import { RangeHandles } from './RangeHandles.tsx';
import type { TimeRange } from '../../view/time-range.ts';

interface TimelineAxisProps {
  time: TimeDomain;
  width: number;
  now: number;
  ticks: readonly Tick[];
  markers: readonly { marker: LossMarker; ms: number }[];
  range: TimeRange | null;
  onRangeDraft: (range: TimeRange | null) => void;
  onRange: (range: TimeRange) => void;
  axisRef: RefObject<HTMLDivElement | null>;
}

interface Drag {
  start: Domain;
  /** Pointer id → x where it went down. */
  pointers: Map<number, number>;
  /** Pointer id → current x. */
  current: Map<number, number>;
}

/**
 * The time axis: ticks, "now", loss markers and the brushed range's handles. Dragging pans,
 * the wheel (or a pinch) zooms around the pointer, a double click fits; arrow keys, + and −
 * do the same from the keyboard.
 */
export function TimelineAxis({
  time,
  width,
  now,
  ticks,
  markers,
  range,
  onRangeDraft,
  onRange,
  axisRef,
}: TimelineAxisProps) {
  const drag = useRef<Drag | null>(null);
  const { domain } = time;
  const latest = useRef({ time, width });
  useEffect(() => {
    latest.current = { time, width };
  });

  useEffect(() => {
    const element = axisRef.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      const { time: t, width: w } = latest.current;
      event.preventDefault();
      const x = event.clientX - element.getBoundingClientRect().left;
      if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        const span = t.domain[1] - t.domain[0];
        t.set(panDomain(t.domain, (event.deltaX / Math.max(1, w)) * span));
      } else {
        t.zoom(xToTime(x, t.domain, w), wheelFactor(event.deltaY, event.deltaMode));
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [axisRef]);

  const localX = (event: PointerEvent<HTMLElement>) =>
    event.clientX - (axisRef.current?.getBoundingClientRect().left ?? 0);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const x = localX(event);
    if (!drag.current) drag.current = { start: domain, pointers: new Map(), current: new Map() };
    drag.current.start = domain;
    drag.current.pointers = new Map(drag.current.current);
    drag.current.pointers.set(event.pointerId, x);
    drag.current.current.set(event.pointerId, x);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || !d.pointers.has(event.pointerId)) return;
    d.current.set(event.pointerId, localX(event));
    const ids = [...d.pointers.keys()];
    const span = d.start[1] - d.start[0];
    if (ids.length >= 2) {
      const [a, b] = ids as [number, number];
      const before = Math.abs((d.pointers.get(a) ?? 0) - (d.pointers.get(b) ?? 0));
      const after = Math.abs((d.current.get(a) ?? 0) - (d.current.get(b) ?? 0));
      if (before < 8 || after < 8) return;
      const mid = ((d.pointers.get(a) ?? 0) + (d.pointers.get(b) ?? 0)) / 2;
      time.set(zoomDomain(d.start, xToTime(mid, d.start, width), before / after));
      return;
    }
    const id = ids[0] as number;
    const dx = (d.current.get(id) ?? 0) - (d.pointers.get(id) ?? 0);
    if (dx !== 0) time.set(panDomain(d.start, (-dx / Math.max(1, width)) * span));
  };

  const onPointerEnd = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    d.pointers.delete(event.pointerId);
    d.current.delete(event.pointerId);
    if (d.current.size === 0) drag.current = null;
    else {
      d.start = time.domain;
      d.pointers = new Map(d.current);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const span = domain[1] - domain[0];
    const step = event.shiftKey ? 0.5 : 0.1;
    const mid = (domain[0] + domain[1]) / 2;
    switch (event.key) {
      case 'ArrowLeft':
        time.set(panDomain(domain, -span * step));
        break;
      case 'ArrowRight':
        time.set(panDomain(domain, span * step));
        break;
      case '+':
      case '=':
        time.zoom(mid, 0.8);
        break;
      case '-':
      case '_':
        time.zoom(mid, 1.25);
        break;
      case '0':
      case 'Home':
        time.reset();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const nowX = timeToX(now, domain, width);
  return (
    <div
      ref={axisRef}
      className="tl-axis"
      role="group"
      tabIndex={0}
      aria-label="Time axis: drag to pan, scroll or pinch to zoom, double-click to fit"
      data-testid="timeline-axis"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onDoubleClick={() => time.reset()}
      onKeyDown={onKeyDown}
    >
      {ticks.map((tick) => (
        <div key={tick.ms} className="tl-axis__tick" style={{ left: tick.x }}>
          {tick.day && <span className="tl-axis__day">{tick.day}</span>}
          <span className="tl-axis__label">{tick.label}</span>
        </div>
      ))}
      {nowX >= 0 && nowX <= width && (
        <div className="tl-axis__now" style={{ left: nowX }} title="Now">
          now
        </div>
      )}
      {markers.map(({ marker, ms }) => {
        const x = timeToX(ms, domain, width);
        if (x < 0 || x > width) return null;
        return (
          <div
            key={marker.id}
            className="tl-axis__marker"
            style={{ left: x }}
            title={markerTitle(marker)}
            data-testid="timeline-loss-marker"
          >
            <svg width="10" height="9" viewBox="0 0 10 9" aria-hidden="true">
              <path d="M5 0 10 9H0Z" />
            </svg>
            <span className="visually-hidden">{markerTitle(marker)}</span>
          </div>
        );
      })}
      {range && (
        <RangeHandles
          range={range}
          domain={domain}
          width={width}
          axisRef={axisRef}
          onDraft={onRangeDraft}
          onCommit={onRange}
        />
      )}
    </div>
  );
}
