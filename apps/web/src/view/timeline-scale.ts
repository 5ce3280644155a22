/**
 * Time-axis math for the timeline, in milliseconds since the epoch (Tetragon's nanoseconds
 * are kept in the strings for display; drawing needs no more than ms). Pure: the component
 * feeds it the domain, the width and "now", and draws what comes back.
 */
import { scaleUtc } from 'd3-scale';
import { timeMs, type Process } from '@exectree/domain';
import { exitMsOf, startMsOf } from './process-keys.ts';
import { endKeyOf, rangeMs, type ProcessLookup, type TimeRange } from './time-range.ts';

/** [start, end] of the visible time window, ms. */
export type Domain = readonly [number, number];

export interface Span {
  /** NaN when the start time is unknown. */
  start: number;
  /** null while running: the bar runs to "now". */
  end: number | null;
}

export const MIN_SPAN_MS = 1;
export const MAX_SPAN_MS = 366 * 24 * 3600 * 1000;

export function spanOf(process: Process, lookup?: ProcessLookup): Span {
  const start = startMsOf(process);
  if (process.state === 'running') return { start, end: null };
  const exit = exitMsOf(process);
  if (!Number.isNaN(exit)) return { start, end: exit };
  const endKey = endKeyOf(process, lookup);
  if (endKey === null) return { start, end: null };
  const end = endKey === '' ? start : timeMs(endKey);
  return { start, end: Number.isNaN(end) ? start : end };
}

export interface Extent {
  /** Earliest start among processes that were not already running when Tetragon started. */
  min: number;
  /** Latest start or end. */
  max: number;
}

/**
 * The time window worth fitting. Processes found running at agent start (procFS) carry
 * start times from days ago; fitting them would squash everything else into a sliver, so
 * they only count when nothing else has a start time.
 */
export function dataExtent(processes: Iterable<Process>, lookup?: ProcessLookup): Extent {
  let min = Infinity;
  let minOld = Infinity;
  let max = -Infinity;
  for (const p of processes) {
    const { start, end } = spanOf(p, lookup);
    if (!Number.isNaN(start)) {
      if (p.preExisting) minOld = Math.min(minOld, start);
      else min = Math.min(min, start);
      max = Math.max(max, start);
    }
    if (end !== null && !Number.isNaN(end)) max = Math.max(max, end);
  }
  if (min === Infinity) min = minOld;
  return { min: min === Infinity ? NaN : min, max: max === -Infinity ? NaN : max };
}

/**
 * Where "now" is on the axis. For a live source it is the wall clock, so running bars
 * grow; for a replayed file whose newest event is long past it is that newest event,
 * or every running bar would stretch to today.
 */
export function liveEdge(wallMs: number, latestMs: number, staleAfterMs = 10 * 60_000): number {
  if (Number.isNaN(latestMs)) return wallMs;
  return wallMs - latestMs <= staleAfterMs ? Math.max(wallMs, latestMs) : latestMs;
}

/** A window around [min, max] with some air on both sides. */
export function fitDomain(min: number, max: number, pad = 0.04, minSpan = 2_000): Domain {
  if (Number.isNaN(min) || Number.isNaN(max)) return [Date.now() - 60_000, Date.now()];
  let a = Math.min(min, max);
  let b = Math.max(min, max);
  if (b - a < minSpan) {
    const mid = (a + b) / 2;
    a = mid - minSpan / 2;
    b = mid + minSpan / 2;
  }
  const air = (b - a) * pad;
  return [a - air, b + air];
}

/** The window for a brushed range: the range with a little context either side. */
export function domainForRange(range: TimeRange): Domain {
  const [a, b] = rangeMs(range);
  return fitDomain(a, b, 0.06, 1);
}

/** Zooms by `factor` (< 1 zooms in) keeping the instant `focus` under the pointer. */
export function zoomDomain(domain: Domain, focus: number, factor: number): Domain {
  const [a, b] = domain;
  const span = b - a;
  const next = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span * factor));
  const f = Number.isFinite(focus) ? Math.min(b, Math.max(a, focus)) : (a + b) / 2;
  const ratio = span > 0 ? (f - a) / span : 0.5;
  const start = f - ratio * next;
  return [start, start + next];
}

export function panDomain(domain: Domain, deltaMs: number): Domain {
  return [domain[0] + deltaMs, domain[1] + deltaMs];
}

export function timeToX(t: number, domain: Domain, width: number): number {
  const span = domain[1] - domain[0];
  return span > 0 ? ((t - domain[0]) / span) * width : 0;
}

export function xToTime(x: number, domain: Domain, width: number): number {
  return width > 0 ? domain[0] + (x / width) * (domain[1] - domain[0]) : domain[0];
}

export interface BarGeometry {
  left: number;
  width: number;
  /** The bar begins before the window (or its start is unknown). */
  clippedStart: boolean;
  /** The bar ends after the window. */
  clippedEnd: boolean;
  /** Still running: the right end is "now". */
  open: boolean;
}

/** Where a process bar goes in a track `width` px wide; null when it is outside the window. */
export function barGeometry(
  span: Span,
  now: number,
  domain: Domain,
  width: number,
  minWidth = 2,
): BarGeometry | null {
  const open = span.end === null;
  const start = Number.isNaN(span.start) ? -Infinity : span.start;
  const end =
    span.end === null ? Math.max(now, Number.isNaN(span.start) ? now : span.start) : span.end;
  if (end < domain[0] || start > domain[1] || width <= 0) return null;
  const x0 = start === -Infinity ? -Infinity : timeToX(start, domain, width);
  const x1 = timeToX(end, domain, width);
  const left = Math.max(0, x0);
  const right = Math.min(width, x1);
  const w = Math.max(minWidth, right - left);
  return {
    left: Math.min(left, width - w),
    width: w,
    clippedStart: x0 < 0,
    clippedEnd: x1 > width,
    open,
  };
}

export interface PackedBar {
  left: number;
  width: number;
  /** How many bars this one stands for. */
  count: number;
}

/** Merges bars that touch (within `gap` px) so a ×1000 group row stays a handful of nodes. */
export function packBars(bars: readonly { left: number; width: number }[], gap = 1): PackedBar[] {
  const sorted = [...bars].sort((a, b) => a.left - b.left);
  const packed: PackedBar[] = [];
  for (const bar of sorted) {
    const last = packed[packed.length - 1];
    if (last && bar.left <= last.left + last.width + gap) {
      last.width = Math.max(last.width, bar.left + bar.width - last.left);
      last.count += 1;
    } else {
      packed.push({ left: bar.left, width: bar.width, count: 1 });
    }
  }
  return packed;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan 1", in UTC like every time the app shows. */
export function formatDay(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}`;
}

/** A tick label as precise as the tick spacing needs, UTC. */
export function formatTick(ms: number, stepMs: number): string {
  const d = new Date(ms);
  const hm = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  if (stepMs >= 24 * 3600_000) return formatDay(ms);
  if (stepMs >= 60_000) return hm;
  const hms = `${hm}:${pad2(d.getUTCSeconds())}`;
  if (stepMs >= 1000) return hms;
  const millis = String(d.getUTCMilliseconds()).padStart(3, '0');
  return stepMs >= 100
    ? `${hms}.${millis.slice(0, 1)}`
    : stepMs >= 10
      ? `${hms}.${millis.slice(0, 2)}`
      : `${hms}.${millis}`;
}

export interface Tick {
  ms: number;
  x: number;
  label: string;
  /** The first tick of a new UTC day: labelled with the date too. */
  day: string | null;
}

/** Ticks at least `spacing` px apart, labelled to the precision their step needs. */
export function timeTicks(domain: Domain, width: number, spacing = 110): Tick[] {
  if (width <= 0 || !(domain[1] > domain[0])) return [];
  const count = Math.max(2, Math.floor(width / spacing));
  const dates = scaleUtc()
    .domain([new Date(domain[0]), new Date(domain[1])])
    .ticks(count);
  const values = dates.map((d) => d.getTime());
  const step =
    values.length > 1 ? (values[1] as number) - (values[0] as number) : domain[1] - domain[0];
  let previousDay: string | null = null;
  return values.map((ms) => {
    const day = formatDay(ms);
    const changed = previousDay !== null && day !== previousDay && step < 24 * 3600_000;
    previousDay = day;
    return {
      ms,
      x: timeToX(ms, domain, width),
      label: formatTick(ms, step),
      day: changed ? day : null,
    };
  });
}

/** A range from a drag between two x positions, or null for a drag too short to mean one. */
export function brushToRange(
  x0: number,
  x1: number,
  domain: Domain,
  width: number,
  minPx = 4,
): [number, number] | null {
  const a = Math.max(0, Math.min(width, Math.min(x0, x1)));
  const b = Math.max(0, Math.min(width, Math.max(x0, x1)));
  if (b - a < minPx) return null;
  return [xToTime(a, domain, width), xToTime(b, domain, width)];
}

/** Zoom factor for a wheel event: trackpad pinches send small deltas, mouse wheels large. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(Math.max(-200, Math.min(200, pixels)) * 0.002);
}
