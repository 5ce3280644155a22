import { createWriteStream, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import type { InfoResponse } from '@exectree/domain';
import { SqliteEventStore } from '../../apps/server/src/index.ts';
import { adaptiveRuns } from '../lib/adaptive.ts';
import { launchChromium, newBenchPage } from '../lib/browser.ts';
import { figure, judge } from '../lib/budget.ts';
import { hotSpots, type HotSpot } from '../lib/cpu-profile.ts';
import { freshDir, removeDb } from '../lib/files.ts';
import { formatNumber } from '../lib/format.ts';
import { getJson, httpRequest } from '../lib/http.ts';
import { lifecycleBatches } from '../lib/lifecycle-feed.ts';
import { EXECTREE_BIN, REPO_ROOT, TMP_DIR } from '../lib/paths.ts';
import { runChecked } from '../lib/timed-process.ts';
import { startServer } from '../lib/server.ts';
import { waitUntil } from '../lib/sleep.ts';
import { summarize } from '../lib/stats.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';
import { buildWebApp } from '../lib/web-build.ts';
import { restartFindings, type RestartRun } from './restart-findings.ts';

const BUDGET_MS = 5_000;
const SEED_VERSION = 4;
const PER_POD = 1_000;
/** The page's notice that the trees are still being rebuilt (apps/web, from /api/v1/info). */
const REBUILD_NOTICE = '[data-testid="rebuild-banner"]';
const POLL_MS = 50;
/** After a miss, how long the profiled start runs after `listening on`: start-up and the first of the rebuild. */
const PROFILED_MS = 10_000;

interface Seeded {
  db: string;
  events: number;
  /** 0 when the store was kept from an earlier run. */
  seededMs: number;
}

function storedEvents(db: string): number {
  const store = new SqliteEventStore(db);
  try {
    return store.count();
  } finally {
    store.close();
  }
}

/** The events a kept store holds, or undefined when this server version cannot open it. */
function keptEvents(db: string): number | undefined {
  try {
    return storedEvents(db);
  } catch {
    return undefined;
  }
}

/** Null once the server's trees hold every stored event. */
async function rebuildProgress(url: string): Promise<InfoResponse['rebuild']> {
  const info = await getJson<InfoResponse>(url, '/api/v1/info');
  // A server without the field rebuilds before it listens.
  return info.rebuild ?? null;
}

function waitForRebuild(url: string, timeoutMs: number): Promise<void> {
  return waitUntil(
    'the rebuild',
    async () => (await rebuildProgress(url)) === null,
    timeoutMs,
    POLL_MS,
  );
}

/** What a kept store must have been made with to be used again. */
function seedKey(lifecycles: number): string {
  return JSON.stringify({ SEED_VERSION, lifecycles });
}

/** Writes the lines of `lifecycles` exec + exit pairs to `file`, as the memory benchmark POSTs them. */
async function writeLifecycles(file: string, lifecycles: number): Promise<void> {
  const out = createWriteStream(file);
  const plan = { firstPod: 0, pods: Math.ceil(lifecycles / PER_POD), perPod: PER_POD };
  for (const batch of lifecycleBatches(plan, 10_000)) {
    if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
}

/**
 * A store of `lifecycles` exec + exit pairs, kept in bench/tmp between runs of the bench. It
 * is filled by `exectree import` (a minute faster than POSTing a million events); the warm-up
 * start then rebuilds the trees and writes the process rows, as after any import. It is made
 * again when the generator changed or the store does not hold what it should.
 */
async function seededDb(lifecycles: number, log: (line: string) => void): Promise<Seeded> {
  const db = join(TMP_DIR, `restart-${lifecycles}.db`);
  const marker = `${db}.json`;
  const key = seedKey(lifecycles);
  if (existsSync(db) && existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as { key: string; events: number };
    // A store this version cannot open (a schema from another branch) is made again.
    if (saved.key === key && keptEvents(db) === saved.events) {
      return { db, events: saved.events, seededMs: 0 };
    }
  }
  removeDb(db);
  rmSync(marker, { force: true });
  log(`seeding ${formatNumber(lifecycles * 2, 0)} events with exectree import (kept in ${db})`);
  const started = performance.now();
  const file = join(TMP_DIR, `restart-${lifecycles}.jsonl`);
  try {
    await writeLifecycles(file, lifecycles);
    await runChecked(process.execPath, [EXECTREE_BIN, 'import', '--db', db, file], {
      stdout: { capture: true },
    });
  } finally {
    rmSync(file, { force: true });
  }
  const events = storedEvents(db);
  const expected = lifecycles * 2 + Math.ceil(lifecycles / PER_POD);
  if (events !== expected)
    throw new Error(`seeding should have stored ${expected} events but the store holds ${events}`);
  return { db, events, seededMs: performance.now() - started };
}

/** Marks a seeded store as complete, once a server has rebuilt it and written its rows. */
function keepSeeded(seeded: Seeded, lifecycles: number): void {
  const key = seedKey(lifecycles);
  writeFileSync(`${seeded.db}.json`, JSON.stringify({ key, events: seeded.events }));
}

interface UntimedStart {
  listeningMs: number;
  /** Spawn → /api/v1/info reported the rebuild done; undefined if it was stopped before. */
  rebuildMs?: number;
}

/** Starts a server on `db`, lets its rebuild run for at most `maxRebuildMs`, and stops it. */
async function untimedStart(
  db: string,
  maxRebuildMs: number,
  nodeArgs: readonly string[] = [],
): Promise<UntimedStart> {
  const server = await startServer({
    args: ['--db', db, '--no-demo'],
    nodeArgs,
    startTimeoutMs: 600_000,
  });
  const listeningMs = server.listeningAt - server.spawnedAt;
  try {
    await waitForRebuild(server.url, maxRebuildMs);
    return { listeningMs, rebuildMs: performance.now() - server.spawnedAt };
  } catch {
    // Stopped before the rebuild ended.
    return { listeningMs };
  } finally {
    await server.stop();
  }
}

/**
 * One timed restart: spawn → usable page. The server is then stopped, mid-rebuild, as an
 * operator may; the rows the rebuild has not touched stay trusted.
 */
async function restartOnce(browser: Browser, db: string): Promise<RestartRun> {
  const server = await startServer({ args: ['--db', db, '--no-demo'], startTimeoutMs: 300_000 });
  try {
    const answer = await httpRequest(`${server.url}/api/v1/groups`, 'GET');
    if (answer.status !== 200) throw new Error(`/api/v1/groups answered ${answer.status}`);
    const groupsAt = performance.now();
    const page = await newBenchPage(browser);
    try {
      await page.goto(server.url);
      await page.locator('[data-testid="group-item"]').first().waitFor({ timeout: 300_000 });
      const itemAt = performance.now();
      // Usable: the trees are complete, or the page says they are still being rebuilt.
      let usableDuringRebuild = false;
      await waitUntil(
        'a usable page',
        async () => {
          if ((await rebuildProgress(server.url)) === null) return true;
          usableDuringRebuild = await page.locator(REBUILD_NOTICE).first().isVisible();
          return usableDuringRebuild;
        },
        600_000,
        POLL_MS,
      );
      const usableAt = performance.now();
      return {
        listeningMs: server.listeningAt - server.spawnedAt,
        groupsMs: groupsAt - server.listeningAt,
        pageMs: itemAt - groupsAt,
        totalMs: usableAt - server.spawnedAt,
        usableDuringRebuild,
      };
    } finally {
      await page.close();
    }
  } finally {
    await server.stop();
  }
}

export const restartSuite: Suite = {
  name: 'restart',
  title: '5. Restart',
  budgets: [
    {
      name: 'process start → first usable page, 1,000,000 stored events',
      limit: `≤ ${BUDGET_MS} ms`,
    },
  ],
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const lifecycles = ctx.quick ? 50_000 : 500_000;
    // The page is part of the budget; the rendering benchmark normally built it already.
    const webNote = existsSync(join(REPO_ROOT, 'apps/web/dist/index.html'))
      ? 'the web app in apps/web/dist (built by the rendering benchmark, or earlier)'
      : `the web app ${await buildWebApp()}`;
    const seeded = await seededDb(lifecycles, ctx.log);
    // Untimed: a store just seeded gets its whole rebuild here, which writes its process rows;
    // a store kept from an older server version is migrated here rather than in a timed run.
    const fresh = seeded.seededMs > 0;
    const warmUp = await untimedStart(seeded.db, 600_000);
    const warmUpRebuildMs = warmUp.rebuildMs;
    if (warmUpRebuildMs === undefined) throw new Error('the warm-up rebuild did not end in 600 s');
    if (fresh) keepSeeded(seeded, lifecycles);
    const browser = await launchChromium();
    const restarts: RestartRun[] = [];
    let plan = { runs: ctx.quick ? 2 : 5, note: '' };
    try {
      for (let r = 0; r < plan.runs; r++) {
        const restart = await restartOnce(browser, seeded.db);
        restarts.push(restart);
        ctx.log(
          `run ${r + 1}: listening ${restart.listeningMs.toFixed(0)} ms, groups +${restart.groupsMs.toFixed(0)} ms, ` +
            `page +${restart.pageMs.toFixed(0)} ms, usable at ${restart.totalMs.toFixed(0)} ms` +
            `${restart.usableDuringRebuild ? ' (showing the rebuild progress)' : ''}`,
        );
        if (r === 0) plan = adaptiveRuns(restart.totalMs, BUDGET_MS, plan.runs);
      }
    } finally {
      await browser.close();
    }
    const after = storedEvents(seeded.db);
    const total = figure(
      'process start → first usable page',
      'ms',
      summarize(restarts.map((r) => r.totalMs)),
      0,
    );
    const check = judge('process start → first usable page, 1,000,000 stored events', total, {
      kind: 'max',
      limit: BUDGET_MS,
      unit: 'ms',
    });
    const failed = check.verdict === 'FAIL';
    let profile: HotSpot[] = [];
    if (failed) {
      ctx.log('budget missed: one more start under node --cpu-prof');
      const profDir = freshDir(join(ctx.tmpDir, 'cpu-profile'));
      await untimedStart(seeded.db, PROFILED_MS, ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
      profile = hotSpots(profDir, 12);
    }
    return {
      method: [
        `- Store: ${formatNumber(seeded.events, 0)} events (${formatNumber(lifecycles, 0)} exec + exit lifecycles in ` +
          `${formatNumber(lifecycles / PER_POD, 0)} pods, the lines of the memory benchmark) written by ` +
          '`exectree import`, with the process rows that the first server start after an import writes when it ' +
          'rebuilds the trees (that start is the warm-up below). ' +
          (fresh
            ? `Made in this run (lines written and imported in ${formatNumber(seeded.seededMs / 1000, 1)} s) and kept in bench/tmp for later runs.`
            : 'Kept from an earlier run of the bench; its event count was checked.') +
          (after === seeded.events
            ? ' The store held the same number of events after the runs.'
            : ` **The store held ${formatNumber(after, 0)} events after the runs**: something deleted events.`),
        `- One untimed start first, stopped once its rebuild is done (${formatNumber(warmUp.listeningMs / 1000, 1)} s to ` +
          `\`listening on\`, rebuild done ${formatNumber(warmUpRebuildMs / 1000, 1)} s after the spawn): it migrates a store kept ` +
          'from an older server version, warms the page cache as for a real restart, and after an import writes every ' +
          'process row, as the first start after an import does; later starts trust those rows.',
        '- Each run: spawn `exectree serve --no-demo --db <that store>` (through `apps/server/bin/exectree.js`), wait for ' +
          'its `listening on` line, `GET /api/v1/groups` once (it must answer 200), then open the page in headless Chromium ' +
          '(already running) and wait until the pod list shows its first `[data-testid=group-item]`. The server ' +
          'rebuilds its trees in the background, so a pod item can show while trees are still incomplete: the page ' +
          `counts as usable once the item shows and either \`/api/v1/info\` reports the rebuild done or the page shows ` +
          `its rebuild progress (\`${REBUILD_NOTICE}\`), polled every ${POLL_MS} ms. The figure is spawn → usable. ` +
          'The server is then stopped, mid-rebuild, as an operator may (a stop mid-rebuild keeps the rows trusted).',
        `- Page: ${webNote}.`,
        `- ${plan.note}.`,
        `- After a miss, one more start under \`node --cpu-prof\` (start-up and ${PROFILED_MS / 1000} s of the rebuild) ` +
          'names the hot spots in the findings.',
      ],
      figures: [
        total,
        figure('spawn → `listening on`', 'ms', summarize(restarts.map((r) => r.listeningMs)), 0),
        figure(
          '`listening on` → /api/v1/groups answered',
          'ms',
          summarize(restarts.map((r) => r.groupsMs)),
          0,
        ),
        figure(
          '/api/v1/groups → pod list shown',
          'ms',
          summarize(restarts.map((r) => r.pageMs)),
          0,
        ),
      ],
      checks: [check],
      findings: restartFindings({
        failed,
        events: seeded.events,
        restarts,
        warmUpRebuildMs,
        profile,
        ...(fresh ? { seededMs: seeded.seededMs } : {}),
      }),
    };
  },
};
