import { join } from 'node:path';
import { freshDir, removeDb } from '../lib/files.ts';
import { formatNumber } from '../lib/format.ts';
import {
  LATENCY_PODS,
  LATENCY_RATE,
  runLatencyLoad,
  type LatencyRun,
} from '../lib/live-latency-run.ts';
import { liveProfile } from '../lib/live-profile.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';
import { runWorker } from '../lib/worker.ts';
import { latencyFindings, type DrainCost } from './latency-findings.ts';
import { DRIFT_BUDGET, judgeRuns, measureRun, P50_MS, P99_MS } from './latency-judge.ts';

/** Length of the extra run under `node --cpu-prof` that explains a miss. */
const PROFILED_S = 20;

const sum = (runs: readonly LatencyRun[], pick: (run: LatencyRun) => number) =>
  runs.reduce((total, run) => total + pick(run), 0);
const count = (n: number) => formatNumber(n, 0);

function method(runs: readonly LatencyRun[], seconds: number): string[] {
  const events = sum(runs, (r) => r.load.events);
  const offered = sum(runs, (r) => r.load.offered);
  const elapsedS = sum(runs, (r) => r.load.elapsedMs) / 1000;
  const arrived = sum(runs, (r) => r.samples.length);
  const expected = sum(runs, (r) => r.expected);
  const lost = sum(runs, (r) => Math.max(0, r.expected - r.samples.length));
  return [
    `- ${runs.length} runs of ${seconds} s, one after the other, each with its own server and fresh database; ` +
      "within a run, latencies are also taken over 1-s windows by send time. Every figure below is the median of the runs' values, with their min and max.",
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
    "- A run's p50 and p99 are the larger of the median over its 1-s windows and its whole-run percentile; the " +
      `verdicts use the median of those over the runs. Drift: the medians over the runs of the first and of the last 10 s, ${DRIFT_BUDGET}.`,
    `- When a budget is missed, the same load runs again for ${PROFILED_S} s with the server under \`node --cpu-prof\` ` +
      '(not timed) to explain where its time went.',
    `- Achieved, all runs together: ${count(events)} of the ${count(offered)} offered events sent in ${formatNumber(elapsedS, 1)} s ` +
      `(${count(events / elapsedS)} events/s) in ${count(sum(runs, (r) => r.load.posts))} POSTs; ` +
      `${count(sum(runs, (r) => r.load.saturatedTicks))} ticks found 16 requests outstanding; ${count(arrived)} of ` +
      `${count(expected)} watched processes arrived (${count(sum(runs, (r) => r.viaSnapshot))} of them by resync snapshot, ` +
      `${count(lost)} never within 10 s after the load); ${count(sum(runs, (r) => r.load.dropped))} events were in ` +
      `bodies still refused 20 s after the load ended and were given up; ${count(sum(runs, (r) => r.stats.deltas))} \`tree:delta\` messages, ` +
      `${count(sum(runs, (r) => r.stats.resyncs))} resyncs, ${count(sum(runs, (r) => r.stats.seqGaps))} seq gaps. ` +
      `${count(sum(runs, (r) => r.refused))} POSTs were refused (429 ` +
      "from the server's ingest admission, which refuses bodies once its queue of admitted ones is full, or a " +
      'cut-off connection) and sent again after the Retry-After it asked for, as a log shipper would; their ' +
      'events keep the stamp of the first attempt.',
  ];
}

function drainCosts(): Promise<DrainCost[]> {
  return runWorker<DrainCost[]>('drain-cost', ['1000,10000,30000']);
}

export const latencySuite: Suite = {
  name: 'latency',
  title: '3. Live latency',
  budgets: [
    { name: 'POST → client holds the delta, p50', limit: `≤ ${P50_MS} ms` },
    { name: 'POST → client holds the delta, p99', limit: `≤ ${P99_MS} ms` },
    { name: 'no upward drift (first vs last 10 s)', limit: DRIFT_BUDGET },
  ],
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const seconds = ctx.quick ? 12 : 60;
    const runCount = ctx.quick ? 2 : 5;
    const runs: LatencyRun[] = [];
    for (let r = 0; r < runCount; r++) {
      const db = join(ctx.tmpDir, `latency-${r + 1}.db`);
      removeDb(db);
      const run = await runLatencyLoad({ db, seconds });
      removeDb(db);
      runs.push(run);
      ctx.log(
        `run ${r + 1}: ${formatNumber(run.load.events, 0)} events in ${(run.load.elapsedMs / 1000).toFixed(1)} s, ` +
          `${run.samples.length} stamped arrivals, ${run.stats.resyncs} resyncs`,
      );
    }
    const judged = judgeRuns(runs.map((run) => measureRun(run.samples, seconds)));
    const result = {
      method: method(runs, seconds),
      figures: judged.figures,
      checks: judged.checks,
    };
    if (judged.checks.every((c) => c.verdict === 'PASS')) return { ...result, findings: [] };

    const profileDir = freshDir(join(ctx.tmpDir, 'latency-profile'));
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
      ...result,
      findings: latencyFindings({
        refused: sum(runs, (run) => run.refused),
        drainCost: await drainCosts(),
        groupSize: Math.max(...runs.map((run) => run.groupSize)),
        edges: judged.edges,
        profile: { seconds: profiledS, ...liveProfile(profileDir) },
      }),
    };
  },
};
