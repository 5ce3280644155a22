import { existsSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../apps/server/src/index.ts';
import { figure, judge, skipped } from '../lib/budget.ts';
import { hotSpots, type HotSpot } from '../lib/cpu-profile.ts';
import { countLines, freshDir } from '../lib/files.ts';
import { formatBytes, formatNumber } from '../lib/format.ts';
import { EXECTREE_BIN, JQ, TMP_DIR } from '../lib/paths.ts';
import type { BudgetCheck, Figure } from '../lib/report-types.ts';
import { median, summarize } from '../lib/stats.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';
import { runChecked } from '../lib/timed-process.ts';
import { runWorker } from '../lib/worker.ts';
import {
  JQ_FILTER,
  bareParse,
  exectreeImport,
  hasImportCommand,
  jq,
  serveFile,
  startupTimes,
  type Contender,
} from './ingest-contenders.ts';
import {
  ingestFindings,
  type ProfiledRun,
  type StageTimes,
  type StartupTimes,
} from './ingest-findings.ts';

const RATIO_BARE = 0.8;
const RATIO_JQ = 2.5;

async function simulatorFile(bytes: string): Promise<string> {
  const file = join(TMP_DIR, `ingest-${bytes}.jsonl`);
  if (!existsSync(file)) {
    const args = ['simulate', '--bytes', bytes, '--seed', '1', '--out', file];
    await runChecked(process.execPath, [EXECTREE_BIN, ...args]);
  }
  return file;
}

function stageTimes(file: string, db: string): Promise<StageTimes> {
  return runWorker<StageTimes>('ingest-stages', [file, db]);
}

/** One run of `make` under `node --cpu-prof`: its events/s and its hottest functions. */
async function profiled(
  dir: string,
  events: number,
  make: (cpuProf: string[]) => Contender,
): Promise<ProfiledRun> {
  const profDir = freshDir(dir);
  const contender = make(['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
  const ms = await contender.run();
  const spots: HotSpot[] = hotSpots(profDir, 12);
  return { name: contender.name, eventsPerSecond: events / (ms / 1000), spots };
}

export const ingestSuite: Suite = {
  name: 'ingest',
  title: '1. Ingest throughput',
  budgets: [
    { name: 'exectree vs bare JSON.parse loop', limit: `≥ ${RATIO_BARE}×` },
    { name: 'exectree vs jq', limit: `≥ ${RATIO_JQ}×` },
  ],
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const size = ctx.quick ? '10MB' : '100MB';
    const runs = ctx.quick ? 2 : 5;
    const file = await simulatorFile(size);
    const events = await countLines(file);
    const bytes = statSync(file).size;
    const db = join(ctx.tmpDir, 'import.db');
    const serveDb = join(ctx.tmpDir, 'serve.db');
    const useImport = await hasImportCommand();
    const bare = bareParse(file, events);
    const jqRun = jq(file);
    const ours = useImport ? exectreeImport(file, db) : serveFile(file, serveDb, events);
    const contenders: Contender[] = [ours, bare, ...(jqRun ? [jqRun] : [])];
    ctx.log(`${formatNumber(events, 0)} events in ${file}; judging ${ours.name}`);

    // One untimed round fills the page cache and tsx's transform cache.
    for (const c of contenders) await c.run();
    const ms = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
    for (let round = 0; round < runs; round++) {
      // Rotating the order spreads slow moments of the shared machine over all of them.
      for (let i = 0; i < contenders.length; i++) {
        const c = contenders[(round + i) % contenders.length] as Contender;
        const took = await c.run();
        ms.get(c.name)?.push(took);
        ctx.log(`round ${round + 1}/${runs}: ${c.name} ${took.toFixed(0)} ms`);
      }
    }
    const store = new SqliteEventStore(useImport ? db : serveDb);
    const stored = store.count();
    store.close();

    const rate = (name: string) => (ms.get(name) ?? []).map((t) => events / (t / 1000));
    const ratio = (name: string) => {
      const base = rate(name);
      return rate(ours.name).map((r, i) => r / (base[i] ?? Number.NaN));
    };
    const figures: Figure[] = contenders.map((c) =>
      figure(`${c.name}: events/s`, 'events/s', summarize(rate(c.name)), 0),
    );
    const vsBare = figure(
      `${ours.name} ÷ bare parse, same round`,
      '×',
      summarize(ratio(bare.name)),
      2,
    );
    figures.push(vsBare);
    const checks: BudgetCheck[] = [
      judge(`${ours.name} vs bare JSON.parse loop`, vsBare, {
        kind: 'min',
        limit: RATIO_BARE,
        unit: '×',
      }),
    ];
    const vsJq = jqRun
      ? figure(`${ours.name} ÷ jq, same round`, '×', summarize(ratio(jqRun.name)), 2)
      : undefined;
    if (vsJq) {
      figures.push(vsJq);
      checks.push(judge(`${ours.name} vs jq`, vsJq, { kind: 'min', limit: RATIO_JQ, unit: '×' }));
    } else {
      checks.push(skipped('exectree vs jq', `≥ ${RATIO_JQ}×`, `jq is missing: ${JQ} not found`));
    }

    const failed = checks.some((c) => c.verdict === 'FAIL');
    const diagnostics: ProfiledRun[] = [];
    let stages: StageTimes | undefined;
    let startup: StartupTimes | undefined;
    if (failed) {
      ctx.log('a budget failed: profiling and timing the stages');
      if (useImport) {
        diagnostics.push(
          await profiled(join(ctx.tmpDir, 'prof-import'), events, (flags) =>
            exectreeImport(file, db, flags),
          ),
        );
      }
      // serve builds the trees while it stores: the part of the budget import leaves out.
      diagnostics.push(
        await profiled(join(ctx.tmpDir, 'prof-serve'), events, (flags) =>
          serveFile(file, serveDb, events, flags),
        ),
      );
      stages = await stageTimes(file, join(ctx.tmpDir, 'stages.db'));
      if (useImport) {
        const empty = join(ctx.tmpDir, 'empty.jsonl');
        writeFileSync(empty, '');
        startup = await startupTimes(empty, join(ctx.tmpDir, 'empty.db'));
      }
    }

    return {
      method: [
        `- Input: \`exectree simulate --bytes ${size} --seed 1\`: ${formatNumber(events, 0)} events, ` +
          `${formatBytes(bytes)} (${formatNumber(bytes / events, 0)} bytes per event on average).`,
        useImport
          ? `- Judged: \`exectree import --db <fresh temp file> FILE\`, timed from spawn to exit (node and tsx start-up included); ` +
            `the store held ${formatNumber(stored, 0)} events afterwards. **\`import\` parses and stores but builds no tree** ` +
            '(serve builds the trees from the store when it starts); the trees are measured separately below.'
          : `- **\`exectree import\` does not exist in this checkout**; judged instead: \`exectree serve --no-demo --db <fresh temp file> --file FILE\` ` +
            '(parse → store → tree), timed from spawn until `/api/v1/info` reports every line read (polled every 20 ms). ' +
            `The store held ${formatNumber(stored, 0)} events afterwards. The suite switches to \`exectree import\` once \`exectree import --help\` works.`,
        '- Baseline (a): `bench/workers/bare-parse.ts`, a Node process that streams the file in 1 MiB chunks, splits lines and ' +
          '`JSON.parse`s each one; timed from spawn to exit with the same `node --import tsx` start-up.',
        `- Baseline (b): \`${JQ} -c '${JQ_FILTER}' FILE\` with its output discarded; the simulated cluster has no pod ` +
          'named xwing, so jq parses and tests every line and prints nothing.',
        `- One untimed warm-up round, then ${runs} rounds; in each round the contenders run one after the other (order ` +
          'rotated per round) and the ratios are taken within the round. Events per second = events in the file ÷ ' +
          'wall-clock seconds.',
        ...(failed
          ? [
              '- After a miss, diagnostics (one run each, not in the figures above unless marked): the judged command ' +
                'under `node --cpu-prof`; `exectree serve --no-demo --db <fresh temp file> --file FILE` under `--cpu-prof`, ' +
                'timed from spawn until `/api/v1/info` reports every line read, for building trees while persisting; ' +
                'and `bench/workers/ingest-stages.ts`, which runs each stage alone on the same events.',
            ]
          : []),
      ],
      figures,
      checks,
      findings: failed
        ? ingestFindings({
            events,
            cores: availableParallelism(),
            bareEventsPerSecond: median(rate(bare.name)),
            jqEventsPerSecond: jqRun ? median(rate(jqRun.name)) : undefined,
            ratioBare: vsBare.summary.median,
            ratioJq: vsJq ? vsJq.summary.median : Number.NaN,
            budgetBare: RATIO_BARE,
            budgetJq: RATIO_JQ,
            stages,
            startup,
            diagnostics,
          })
        : [],
    };
  },
};
