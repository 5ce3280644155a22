import { describe, expect, it } from 'vitest';
import type { LatencySample } from '../lib/live-latency-run.ts';
import { drifted, judgeRuns, measureRun, type RunLatency } from './latency-judge.ts';

/** One sample per 100 ms of a `seconds`-long run, each `ms(sentS)` late. */
function samplesOf(seconds: number, ms: (sentS: number) => number): LatencySample[] {
  return Array.from({ length: seconds * 10 }, (_, i) => ({ sentS: i / 10, ms: ms(i / 10) }));
}

function steadyRun(p50: number, p99: number): RunLatency {
  return {
    p50Windows: p50,
    p99Windows: p99,
    p50Whole: p50,
    p99Whole: p99,
    max: p99,
    edges: { p50First: p50, p50Last: p50, p99First: p99, p99Last: p99 },
  };
}

describe('live latency judging', () => {
  it('measures windows, the whole run and its first and last 10 s', () => {
    const run = measureRun(
      samplesOf(60, (s) => (s < 30 ? 10 : 30)),
      60,
    );
    expect(run.p50Whole).toBe(20);
    expect(run.edges.p50First).toBe(10);
    expect(run.edges.p50Last).toBe(30);
    expect(run.max).toBe(30);
  });

  it('refuses a run where nothing arrived', () => {
    expect(() => measureRun([], 60)).toThrow(/no watched process/);
  });

  it('judges the median over the runs, not the worst run', () => {
    const runs = [
      steadyRun(20, 100),
      steadyRun(25, 120),
      steadyRun(500, 900),
      steadyRun(22, 110),
      steadyRun(21, 105),
    ];
    const judged = judgeRuns(runs);
    expect(judged.checks.map((c) => c.verdict)).toEqual(['PASS', 'PASS', 'PASS']);
    expect(judged.figures[0]?.summary).toEqual({ median: 22, min: 20, max: 500, n: 5 });
  });

  it('fails p50 and p99 when most runs are over budget', () => {
    const runs = [steadyRun(70, 300), steadyRun(80, 400), steadyRun(20, 100)];
    const [p50, p99] = judgeRuns(runs).checks;
    expect(p50?.verdict).toBe('FAIL');
    expect(p99?.verdict).toBe('FAIL');
    expect(p50?.miss).toMatch(/over by 10\.0 ms/);
  });

  it('uses the larger of the window median and the whole-run percentile per run', () => {
    const tail = { ...steadyRun(20, 100), p99Whole: 300 };
    const [, p99] = judgeRuns([tail, tail, tail]).checks;
    expect(p99?.verdict).toBe('FAIL');
  });

  it('fails on drift when the last 10 s of the median run are much slower', () => {
    const rising = (): RunLatency => ({
      ...steadyRun(20, 100),
      edges: { p50First: 20, p50Last: 45, p99First: 100, p99Last: 120 },
    });
    const drift = judgeRuns([rising(), rising(), steadyRun(20, 100)]).checks[2];
    expect(drift?.verdict).toBe('FAIL');
    expect(drift?.miss).toMatch(/p50 rose 2\.3×/);
    expect(drifted(20, 30)).toBe(false);
    expect(drifted(20, 31)).toBe(true);
    expect(drifted(100, 150)).toBe(false);
  });
});
