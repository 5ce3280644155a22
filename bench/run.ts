/**
 * `npm run bench`: runs the performance budgets of exectree and writes bench/results.md.
 *   --only NAME[,NAME]  run some suites (ingest, memory, latency, render, restart)
 *   --quick             small inputs and few runs: a smoke pass of the harness
 *   --out PATH          where to write the report
 * Exit code: 0 when every budget passed, 1 when one failed or a suite crashed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { installExitHandlers, killAll } from './lib/children.ts';
import { freshDir } from './lib/files.ts';
import { formatMs } from './lib/format.ts';
import { closeConnections } from './lib/http.ts';
import { machineInfo } from './lib/machine.ts';
import { BENCH_DIR, REPO_ROOT, TMP_DIR } from './lib/paths.ts';
import { renderReport } from './lib/report.ts';
import { keepEverything } from './lib/serve-help.ts';
import type { SuiteReport } from './lib/report-types.ts';
import type { Suite } from './lib/suite.ts';
import { SUITES } from './suites/index.ts';

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      quick: { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const names = SUITES.map((s) => s.name);
  const only = (values.only ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown suite ${unknown.join(', ')}; expected one of ${names.join(', ')}`);
  }
  const quick = values.quick ?? false;
  const partial = quick || only.length > 0;
  const out =
    values.out ?? (partial ? join(TMP_DIR, 'results-partial.md') : join(BENCH_DIR, 'results.md'));
  return { only, quick, out };
}

async function runSuite(suite: Suite, quick: boolean): Promise<SuiteReport> {
  const started = performance.now();
  const log = (line: string) => console.log(`[${suite.name}] ${line}`);
  const tmpDir = freshDir(join(TMP_DIR, suite.name));
  try {
    const result = await suite.run({ quick, tmpDir, log });
    return {
      name: suite.name,
      title: suite.title,
      ...result,
      durationMs: performance.now() - started,
    };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`crashed: ${message}`);
    return {
      name: suite.name,
      title: suite.title,
      method: [],
      figures: [],
      checks: suite.budgets.map((b) => ({
        name: b.name,
        figure: 'not measured',
        budget: b.limit,
        verdict: 'FAIL',
        miss: `the benchmark crashed: ${message.split('\n')[0] ?? ''}`,
      })),
      findings: ['```', ...message.split('\n').slice(0, 15), '```'],
      durationMs: performance.now() - started,
    };
  } finally {
    // Whatever a suite left running (a crash between start and stop) ends here.
    killAll();
  }
}

async function main(): Promise<number> {
  installExitHandlers();
  const { only, quick, out } = options();
  mkdirSync(TMP_DIR, { recursive: true });
  const startedAt = new Date();
  const started = performance.now();
  const machine = machineInfo();
  console.log(`exectree bench on ${machine.cpu}, ${machine.cores} cores, node ${machine.node}`);
  const suites = SUITES.filter((s) => only.length === 0 || only.includes(s.name));
  const reports: SuiteReport[] = [];
  for (const suite of suites) {
    console.log(`\n== ${suite.title}`);
    const report = await runSuite(suite, quick);
    reports.push(report);
    for (const c of report.checks) {
      console.log(`${c.verdict} ${suite.name}: ${c.name}: ${c.figure}, budget ${c.budget}`);
      if (c.miss) console.log(`     ${c.miss}`);
    }
  }
  closeConnections();
  const durationMs = performance.now() - started;
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const retention = (await keepEverything().catch((error: unknown) => ({ note: String(error) })))
    .note;
  const text = renderReport(
    machine,
    { startedAt, durationMs, quick, only, command, retention },
    reports,
  );
  writeFileSync(out, text);
  console.log(`\nSummary (${formatMs(durationMs)}), written to ${relative(REPO_ROOT, out)}:`);
  for (const report of reports) {
    for (const c of report.checks)
      console.log(`  ${c.verdict.padEnd(4)}  ${report.title}: ${c.name}`);
  }
  return reports.some((r) => r.checks.some((c) => c.verdict === 'FAIL')) ? 1 : 0;
}

process.exitCode = await main();
