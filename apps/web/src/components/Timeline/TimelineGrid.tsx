import { timeToX, type Domain, type Tick } from '../../view/timeline-scale.ts';

interface TimelineGridProps {
  domain: Domain;
  width: number;
  now: number;
  ticks: readonly Tick[];
  markerTimes: readonly number[];
  /** The brushed range, ms; outside it is shaded. */
  range: readonly [number, number] | null;
}

/** What is drawn behind the bars: tick lines, the range shading, loss markers and "now". */
export function TimelineGrid({ domain, width, now, ticks, markerTimes, range }: TimelineGridProps) {
  const nowX = timeToX(now, domain, width);
  const r0 = range ? Math.max(0, Math.min(width, timeToX(range[0], domain, width))) : 0;
  const r1 = range ? Math.max(0, Math.min(width, timeToX(range[1], domain, width))) : 0;
  return (
    <>
      {ticks.map((tick) => (
        <div key={tick.ms} className="tl-grid__tick" style={{ left: tick.x }} />
      ))}
      {range && (
        <>
          <div className="tl-grid__shade" style={{ left: 0, width: r0 }} />
          <div className="tl-grid__shade" style={{ left: r1, width: Math.max(0, width - r1) }} />
          <div className="tl-grid__edge" style={{ left: r0 }} />
          <div className="tl-grid__edge" style={{ left: r1 }} />
        </>
      )}
      {markerTimes.map((ms, i) => {
        const x = timeToX(ms, domain, width);
        return x >= 0 && x <= width ? (
          <div key={i} className="tl-grid__marker" style={{ left: x }} />
        ) : null;
      })}
      {nowX >= 0 && nowX <= width && <div className="tl-grid__now" style={{ left: nowX }} />}
    </>
  );
}
