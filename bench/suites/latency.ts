import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { figure, judge } from '../lib/budget.ts';
import { removeDb } from '../lib/files.ts';
import { formatNumber } from '../lib/format.ts';
import {
  LATENCY_PODS,
  LATENCY_RATE,
  runLatencyLoad,
  type LatencyRun,
  type LatencySample,
} from '../lib/live-latency-run.ts';
import { liveProfile } from '../lib/live-profile.ts';
import { BENCH_DIR } from '../lib/paths.ts';
import type { BudgetCheck, Figure } from '../lib/report-types.ts';
import { percentile, summarize } from '../lib/stats.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';
import { runChecked } from '../lib/timed-process.ts';
import { latencyFindings, type DrainCost, type LatencyEdges } from './latency-findings.ts';

const P50_MS = 60;
const P99_MS = 250;
const EDGE_S = 10;
/** Length of the extra run under `node --cpu-prof` that explains a miss. */
const PROFILED_S = 20;

function windows(samples: readonly LatencySample[], seconds: number): number[][] {
  const out: number[][] = Array.from({ length: seconds }, () => []);
  for (const s of samples) out[Math.min(seconds - 1, Math.floor(s.sentS))]?.push(s.ms);
  return out.filter((w) => w.length > 0);
}

/** Last-10-s percentile within 1.5× (or 10 ms) of the first-10-s one. */
function drifted(first: number, last: number): boolean {
  return last > Math.max(first * 1.5, first + 10);
}

const p = (values: readonly number[], q: number) =>
  values.length > 0 ? percentile(values, q) : NaN;

interface Judged {
  figures: Figure[];
  checks: BudgetCheck[];
  edges: LatencyEdges;
}

function judgeRun(samples: readonly LatencySample[], seconds: number): Judged {
  const all = samples.map((s) => s.ms);
  const perWindow = windows(samples, seconds);
  const edge = (from: number, to: number) =>
    samples.filter((s) => s.sentS >= from && s.sentS < to).map((s) => s.ms);
  const first = edge(0, EDGE_S);
  const last = edge(seconds - EDGE_S, seconds);
  const over = '1-s windows';
  const p50 = figure(
    'p50 per 1-s window',
    'ms',
    summarize(perWindow.map((w) => p(w, 50))),
    1,
    over,
  );
  const p99 = figure(
    'p99 per 1-s window',
    'ms',
    summarize(perWindow.map((w) => p(w, 99))),
    1,
    over,
  );
  const whole = (label: string, value: number) => figure(label, 'ms', summarize([value]), 1, 'run');
  const edges = {
    p50First: p(first, 50),
    p50Last: p(last, 50),
    p99First: p(first, 99),
    p99Last: p(last, 99),
  };
  const drift = drifted(edges.p50First, edges.p50Last) || drifted(edges.p99First, edges.p99Last);
  const driftCheck: BudgetCheck = {
    name: 'no upward drift (first vs last 10 s)',
    figure:
      `p50 ${edges.p50First.toFixed(1)} → ${edges.p50Last.toFixed(1)} ms, ` +
      `p99 ${edges.p99First.toFixed(1)} → ${edges.p99Last.toFixed(1)} ms`,
    budget: 'last ≤ max(1.5 × first, first + 10 ms)',
    verdict: drift ? 'FAIL' : 'PASS',
  };
  if (drift) {
    driftCheck.miss = `p50 rose ${formatNumber(edges.p50Last / edges.p50First, 1)}×, p99 ${formatNumber(edges.p99Last / edges.p99First, 1)}×`;
  }
  const overallP50 = p(all, 50);
  const overallP99 = p(all, 99);
  const p50Check = judge(
    'POST → client holds the delta, p50',
    p50,
    { kind: 'max', limit: P50_MS, unit: 'ms' },
    Math.max(p50.summary.median, overallP50),
  );
  const p99Check = judge(
    'POST → client holds the delta, p99',
    p99,
    { kind: 'max', limit: P99_MS, unit: 'ms' },
    Math.max(p99.summary.median, overallP99),
  );
  return {
    figures: [
      p50,
      p99,
      whole('p50, whole run', overallP50),
      whole('p99, whole run', overallP99),
      whole('p50, first 10 s', edges.p50First),
      whole('p50, last 10 s', edges.p50Last),
      whole('p99, first 10 s', edges.p99First),
      whole('p99, last 10 s', edges.p99Last),
      whole('max, whole run', Math.max(...all)),
    ],
    checks: [p50Check, p99Check, driftCheck],
    edges,
  };
}

function method(run: LatencyRun, seconds: number): string[] {
  const { load, stats, samples, expected, viaSnapshot, refused } = run;
  const lost = Math.max(0, expected - samples.length);
  return [
    `- One run of ${seconds} s (the issue allows fewer, longer runs here); figures are over 1-s windows by send time, plus the whole run.`,
    `- \`exectree serve --no-demo --db <fresh temp file>\`; ${LATENCY_PODS} pods (one container init each) POSTed first. ` +
      'A socket.io client (`socket.io-client`, websocket transport) in the bench process sends ' +
      '`tree:subscribe {filter: {group}}` for one of them, waits for the `tree:snapshot`, and follows `seq` ' +
      '(a gap or `sync:required` triggers `sync:request`, counted as a resync).',
    `- Load: ${formatNumber(LATENCY_RATE, 0)} events/s offered for ${seconds} s, one POST to \`/api/v1/events\` every 20 ms ` +
      'with the events due by then (at most 2,500 per POST and 16 requests in flight; a backlog goes out with the ' +
      `next POSTs). New processes are spread over the ${LATENCY_PODS} pods; each exec's exit follows 1 s later, so about half ` +
      'the events are execs and half exits. Every exec carries `bench-t=<wall-clock ms of its POST>` in `arguments`.',
    '- Latency of a process = time the client handled the first `tree:delta` (or resync snapshot) that contained it − ' +
      "its stamp; only execs of the watched pod count (a tenth of the execs). Both clocks are the bench process's " +
      '`performance.timeOrigin + performance.now()`.',
    '- Verdicts for p50 and p99 use the larger of the median over the 1-s windows and the whole-run percentile.',
    `- When a budget is missed, the same load runs again for ${PROFILED_S} s with the server under \`node --cpu-prof\` ` +
      '(not timed) to explain where its time went.',
    `- Achieved: ${formatNumber(load.events, 0)} of the ${formatNumber(load.offered, 0)} offered events sent in ${formatNumber(load.elapsedMs / 1000, 1)} s ` +
      `(${formatNumber(load.events / (load.elapsedMs / 1000), 0)} events/s) in ${formatNumber(load.posts, 0)} POSTs; ` +
      `${formatNumber(load.saturatedTicks, 0)} ticks found 16 requests outstanding; ${formatNumber(samples.length, 0)} of ` +
      `${formatNumber(expected, 0)} watched processes arrived (${formatNumber(viaSnapshot, 0)} of them by resync snapshot, ` +
      `${formatNumber(lost, 0)} never within 10 s after the load); ${formatNumber(load.dropped, 0)} events were in ` +
      `bodies still refused 20 s after the load ended and were given up; ${stats.deltas} \`tree:delta\` messages, ` +
      `${stats.resyncs} resyncs, ${stats.seqGaps} seq gaps. ${formatNumber(refused, 0)} POSTs were refused (429 ` +
      "from the server's ingest admission, which refuses bodies once its queue of admitted ones is full, or a " +
      'cut-off connection) and sent again after the Retry-After it asked for, as a log shipper would; their ' +
      'events keep the stamp of the first attempt.',
  ];
}

async function drainCosts(): Promise<DrainCost[]> {
  const drain = await runChecked(
    process.execPath,
    ['--import', 'tsx', join(BENCH_DIR, 'workers/drain-cost.ts'), '1000,10000,30000'],
    { stdout: { capture: true } },
  );
  return JSON.parse(drain.stdout) as DrainCost[];
}

export const latencySuite: Suite = {
  name: 'latency',
  title: '3. Live latency',
  budgets: [
    { name: 'POST → client holds the delta, p50', limit: `≤ ${P50_MS} ms` },
    { name: 'POST → client holds the delta, p99', limit: `≤ ${P99_MS} ms` },
    {
      name: 'no upward drift (first vs last 10 s)',
      limit: 'last ≤ max(1.5 × first, first + 10 ms)',
    },
  ],
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const seconds = ctx.quick ? 12 : 60;
    const db = join(ctx.tmpDir, 'latency.db');
    removeDb(db);
    const run = await runLatencyLoad({ db, seconds });
    ctx.log(
      `${formatNumber(run.load.events, 0)} events in ${(run.load.elapsedMs / 1000).toFixed(1)} s, ` +
        `${run.samples.length} stamped arrivals, ${run.stats.resyncs} resyncs`,
    );
    const judged = judgeRun(run.samples, seconds);
    const passed = judged.checks.every((c) => c.verdict === 'PASS');
    if (passed)
      return {
        method: method(run, seconds),
        figures: judged.figures,
        checks: judged.checks,
        findings: [],
      };

    const profileDir = join(ctx.tmpDir, 'latency-profile');
    mkdirSync(profileDir, { recursive: true });
    const profiledDb = join(ctx.tmpDir, 'latency-profiled.db');
    removeDb(profiledDb);
    const profiledS = ctx.quick ? 8 : PROFILED_S;
    ctx.log(`budget missed: the same load for ${profiledS} s under node --cpu-prof`);
    await runLatencyLoad({
      db: profiledDb,
      seconds: profiledS,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    });
    return {
      method: method(run, seconds),
      figures: judged.figures,
      checks: judged.checks,
      findings: latencyFindings({
        refused: run.refused,
        drainCost: await drainCosts(),
        groupSize: run.groupSize,
        edges: judged.edges,
        profile: { seconds: profiledS, ...liveProfile(profileDir) },
      }),
    };
  },
};
