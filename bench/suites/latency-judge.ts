import { figure, judge } from '../lib/budget.ts';
import { formatNumber } from '../lib/format.ts';
import type { LatencySample } from '../lib/live-latency-run.ts';
import type { BudgetCheck, Figure } from '../lib/report-types.ts';
import { median, percentile, summarize } from '../lib/stats.ts';
import type { LatencyEdges } from './latency-findings.ts';

export const P50_MS = 60;
export const P99_MS = 250;
export const DRIFT_BUDGET = 'last ≤ max(1.5 × first, first + 10 ms)';
const EDGE_S = 10;

/** What one run of the load measured. */
export interface RunLatency {
  /** Median over the run's 1-s windows (by send time) of each window's percentile. */
  p50Windows: number;
  p99Windows: number;
  /** Over every watched process of the run. */
  p50Whole: number;
  p99Whole: number;
  max: number;
  edges: LatencyEdges;
}

export interface JudgedRuns {
  figures: Figure[];
  checks: BudgetCheck[];
  /** The median over the runs of each edge percentile. */
  edges: LatencyEdges;
}

const p = (values: readonly number[], q: number) =>
  values.length > 0 ? percentile(values, q) : NaN;

function windows(samples: readonly LatencySample[], seconds: number): number[][] {
  const out: number[][] = Array.from({ length: seconds }, () => []);
  for (const s of samples) out[Math.min(seconds - 1, Math.floor(s.sentS))]?.push(s.ms);
  return out.filter((w) => w.length > 0);
}

export function measureRun(samples: readonly LatencySample[], seconds: number): RunLatency {
  if (samples.length === 0) throw new Error('no watched process arrived during the run');
  const all = samples.map((s) => s.ms);
  const perWindow = windows(samples, seconds);
  const edge = (from: number, to: number) =>
    samples.filter((s) => s.sentS >= from && s.sentS < to).map((s) => s.ms);
  const first = edge(0, EDGE_S);
  const last = edge(seconds - EDGE_S, seconds);
  return {
    p50Windows: median(perWindow.map((w) => p(w, 50))),
    p99Windows: median(perWindow.map((w) => p(w, 99))),
    p50Whole: p(all, 50),
    p99Whole: p(all, 99),
    max: Math.max(...all),
    edges: {
      p50First: p(first, 50),
      p50Last: p(last, 50),
      p99First: p(first, 99),
      p99Last: p(last, 99),
    },
  };
}

/** Last-10-s percentile within 1.5× (or 10 ms) of the first-10-s one. */
export function drifted(first: number, last: number): boolean {
  return last > Math.max(first * 1.5, first + 10);
}

/**
 * A run's p50 (p99) is the larger of the median over its 1-s windows and its whole-run
 * percentile, so neither a few slow windows nor a slow tail is averaged away; the verdicts use
 * the median of that over the runs. Drift compares the medians over the runs of the first and
 * of the last 10 s of each run.
 */
export function judgeRuns(runs: readonly RunLatency[]): JudgedRuns {
  const over = (pick: (run: RunLatency) => number) => summarize(runs.map(pick));
  const ms = (label: string, pick: (run: RunLatency) => number) =>
    figure(label, 'ms', over(pick), 1);
  const p50 = ms('p50 (larger of the median 1-s window and the whole run)', (r) =>
    Math.max(r.p50Windows, r.p50Whole),
  );
  const p99 = ms('p99 (larger of the median 1-s window and the whole run)', (r) =>
    Math.max(r.p99Windows, r.p99Whole),
  );
  const edges: LatencyEdges = {
    p50First: over((r) => r.edges.p50First).median,
    p50Last: over((r) => r.edges.p50Last).median,
    p99First: over((r) => r.edges.p99First).median,
    p99Last: over((r) => r.edges.p99Last).median,
  };
  const drift = drifted(edges.p50First, edges.p50Last) || drifted(edges.p99First, edges.p99Last);
  const driftCheck: BudgetCheck = {
    name: 'no upward drift (first vs last 10 s)',
    figure:
      `p50 ${edges.p50First.toFixed(1)} → ${edges.p50Last.toFixed(1)} ms, ` +
      `p99 ${edges.p99First.toFixed(1)} → ${edges.p99Last.toFixed(1)} ms (medians of ${runs.length} runs)`,
    budget: DRIFT_BUDGET,
    verdict: drift ? 'FAIL' : 'PASS',
  };
  if (drift) {
    driftCheck.miss =
      `p50 rose ${formatNumber(edges.p50Last / edges.p50First, 1)}×, ` +
      `p99 ${formatNumber(edges.p99Last / edges.p99First, 1)}×`;
  }
  return {
    figures: [
      p50,
      p99,
      ms('p50, median of the 1-s windows', (r) => r.p50Windows),
      ms('p99, median of the 1-s windows', (r) => r.p99Windows),
      ms('p50, whole run', (r) => r.p50Whole),
      ms('p99, whole run', (r) => r.p99Whole),
      ms('p50, first 10 s', (r) => r.edges.p50First),
      ms('p50, last 10 s', (r) => r.edges.p50Last),
      ms('p99, first 10 s', (r) => r.edges.p99First),
      ms('p99, last 10 s', (r) => r.edges.p99Last),
      ms('max, whole run', (r) => r.max),
    ],
    checks: [
      judge('POST → client holds the delta, p50', p50, { kind: 'max', limit: P50_MS, unit: 'ms' }),
      judge('POST → client holds the delta, p99', p99, { kind: 'max', limit: P99_MS, unit: 'ms' }),
      driftCheck,
    ],
    edges,
  };
}
