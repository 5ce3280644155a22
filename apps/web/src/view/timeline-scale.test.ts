import { describe, expect, it } from 'vitest';
import { at, makeProcess } from '../test/fixtures.ts';
import {
  barGeometry,
  brushToRange,
  dataExtent,
  domainForRange,
  fitDomain,
  formatTick,
  liveEdge,
  packBars,
  panDomain,
  spanOf,
  timeTicks,
  timeToX,
  xToTime,
  zoomDomain,
  type Domain,
} from './timeline-scale.ts';

const T0 = Date.UTC(2024, 0, 1);
const domain: Domain = [T0, T0 + 10_000];

describe('spans and extent', () => {
  it('takes exec to exit, open while running', () => {
    const done = makeProcess({
      execId: 'a',
      startTime: at(1),
      state: 'exited',
      exitTime: at(3.5),
      status: 0,
    });
    expect(spanOf(done)).toEqual({ start: T0 + 1000, end: T0 + 3500 });
    expect(spanOf(makeProcess({ execId: 'b', startTime: at(2) }))).toEqual({
      start: T0 + 2000,
      end: null,
    });
    expect(Number.isNaN(spanOf(makeProcess({ execId: 'c', startTime: null })).start)).toBe(true);
  });

  it('ignores the historical start times of pre-existing processes when fitting', () => {
    const extent = dataExtent([
      makeProcess({ execId: 'old', startTime: at(-86_400), preExisting: true }),
      makeProcess({
        execId: 'new',
        startTime: at(10),
        state: 'exited',
        exitTime: at(20),
        status: 0,
      }),
    ]);
    expect(extent).toEqual({ min: T0 + 10_000, max: T0 + 20_000 });
    const onlyOld = dataExtent([
      makeProcess({ execId: 'old', startTime: at(-5), preExisting: true }),
    ]);
    expect(onlyOld.min).toBe(T0 - 5000);
    expect(Number.isNaN(dataExtent([]).min)).toBe(true);
  });

  it('follows the wall clock for live data and stops at the newest event for old files', () => {
    expect(liveEdge(T0 + 5_000, T0)).toBe(T0 + 5_000);
    expect(liveEdge(T0 + 3600_000, T0)).toBe(T0);
    expect(liveEdge(T0, T0 + 2_000)).toBe(T0 + 2_000); // clock skew: never before the data
    expect(liveEdge(T0, Number.NaN)).toBe(T0);
  });
});

describe('domain math', () => {
  it('fits with air and a minimum span', () => {
    expect(fitDomain(T0, T0 + 10_000, 0.1)).toEqual([T0 - 1000, T0 + 11_000]);
    const [a, b] = fitDomain(T0, T0, 0, 2000);
    expect([a, b]).toEqual([T0 - 1000, T0 + 1000]);
    const [ra, rb] = domainForRange({ from: at(0), to: at(10) });
    expect(ra).toBeLessThan(T0);
    expect(rb).toBeGreaterThan(T0 + 10_000);
  });

  it('zooms around the focus and pans by time', () => {
    expect(zoomDomain(domain, T0 + 5000, 0.5)).toEqual([T0 + 2500, T0 + 7500]);
    expect(zoomDomain(domain, T0, 0.5)).toEqual([T0, T0 + 5000]);
    const out = zoomDomain(domain, T0 + 10_000, 2);
    expect(out).toEqual([T0 - 10_000, T0 + 10_000]);
    const tiny = zoomDomain([T0, T0 + 2], T0 + 1, 0.0001);
    expect(tiny[1] - tiny[0]).toBe(1);
    expect(panDomain(domain, 500)).toEqual([T0 + 500, T0 + 10_500]);
  });

  it('converts between time and pixels', () => {
    expect(timeToX(T0 + 2500, domain, 1000)).toBe(250);
    expect(xToTime(250, domain, 1000)).toBe(T0 + 2500);
  });
});

describe('barGeometry', () => {
  it('places an exited bar', () => {
    expect(barGeometry({ start: T0 + 1000, end: T0 + 3000 }, T0, domain, 1000)).toEqual({
      left: 100,
      width: 200,
      clippedStart: false,
      clippedEnd: false,
      open: false,
    });
  });

  it('runs an open bar to now, and it grows as now advances', () => {
    const span = { start: T0 + 1000, end: null };
    expect(barGeometry(span, T0 + 4000, domain, 1000)?.width).toBe(300);
    expect(barGeometry(span, T0 + 6000, domain, 1000)).toMatchObject({ width: 500, open: true });
  });

  it('clips at the window edges and keeps tiny bars visible', () => {
    expect(barGeometry({ start: T0 - 5000, end: T0 + 20_000 }, T0, domain, 1000)).toMatchObject({
      left: 0,
      width: 1000,
      clippedStart: true,
      clippedEnd: true,
    });
    expect(barGeometry({ start: T0 + 5000, end: T0 + 5000 }, T0, domain, 1000)?.width).toBe(2);
    expect(barGeometry({ start: Number.NaN, end: T0 + 2000 }, T0, domain, 1000)).toMatchObject({
      left: 0,
      width: 200,
      clippedStart: true,
    });
    expect(barGeometry({ start: T0 + 10_000, end: T0 + 10_000 }, T0, domain, 1000)?.left).toBe(998);
  });

  it('is null outside the window', () => {
    expect(barGeometry({ start: T0 - 3000, end: T0 - 1000 }, T0, domain, 1000)).toBeNull();
    expect(barGeometry({ start: T0 + 20_000, end: null }, T0 + 30_000, domain, 1000)).toBeNull();
  });

  it('packs touching bars', () => {
    expect(
      packBars([
        { left: 10, width: 5 },
        { left: 0, width: 4 },
        { left: 15.5, width: 2 },
        { left: 40, width: 2 },
      ]),
    ).toEqual([
      { left: 0, width: 4, count: 1 },
      { left: 10, width: 7.5, count: 2 },
      { left: 40, width: 2, count: 1 },
    ]);
  });
});

describe('ticks', () => {
  it('labels to the precision of the step, in UTC', () => {
    const t = Date.UTC(2024, 0, 1, 12, 34, 56, 789);
    expect(formatTick(t, 3600_000)).toBe('12:34');
    expect(formatTick(t, 5000)).toBe('12:34:56');
    expect(formatTick(t, 200)).toBe('12:34:56.7');
    expect(formatTick(t, 20)).toBe('12:34:56.78');
    expect(formatTick(t, 1)).toBe('12:34:56.789');
    expect(formatTick(t, 2 * 86_400_000)).toBe('Jan 1');
  });

  it('spaces ticks across the width and marks day changes', () => {
    const ticks = timeTicks([T0 - 3600_000, T0 + 3600_000], 880, 110);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(10);
    for (const tick of ticks) {
      expect(tick.x).toBeGreaterThanOrEqual(0);
      expect(tick.x).toBeLessThanOrEqual(880);
    }
    expect(ticks.find((t) => t.ms === T0)?.day).toBe('Jan 1');
    expect(timeTicks(domain, 0)).toEqual([]);
  });
});

describe('brushToRange', () => {
  it('turns a drag into times, clamped and ordered', () => {
    expect(brushToRange(300, 100, domain, 1000)).toEqual([T0 + 1000, T0 + 3000]);
    expect(brushToRange(-50, 100, domain, 1000)).toEqual([T0, T0 + 1000]);
    expect(brushToRange(100, 102, domain, 1000)).toBeNull();
  });
});
