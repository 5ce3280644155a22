import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { adaptiveRuns } from '../lib/adaptive.ts';
import { launchChromium, newBenchPage } from '../lib/browser.ts';
import { figure, judge } from '../lib/budget.ts';
import { removeDb } from '../lib/files.ts';
import { formatNumber } from '../lib/format.ts';
import { postEvents } from '../lib/http.ts';
import { liveStream } from '../lib/live-stream.ts';
import { runPaced } from '../lib/paced-load.ts';
import type { BudgetCheck, Figure } from '../lib/report-types.ts';
import { startServer } from '../lib/server.ts';
import { sleep } from '../lib/sleep.ts';
import { median, percentile, summarize } from '../lib/stats.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';
import { groupKeyOf } from '../lib/tetragon-lines.ts';
import { buildWebApp } from '../lib/web-build.ts';
import { renderPod, type RenderPod } from './render-data.ts';
import type { HotSpot } from '../lib/cpu-profile.ts';
import { NO_TIME, addBreakdowns, mainThreadMeter } from './render-cdp.ts';
import { profilePage } from './render-profile.ts';
import {
  LONG_TASK_MS,
  hadLongTask,
  renderFindings,
  type RenderEvidence,
} from './render-findings.ts';
import {
  CANVAS_SELECTOR,
  NODE_SELECTOR,
  installRecorders,
  longTasks,
  resetLongTasks,
  startFrameLog,
  stopFrameLog,
  timeSelection,
  type Selection,
} from './render-page.ts';

const SELECT_MS = 500;
const FRAME_MS = 16;
const STREAM_RATE = 1_000;

async function seed(url: string, pods: readonly RenderPod[]): Promise<void> {
  const lines = pods.flatMap((p) => p.lines);
  for (let i = 0; i < lines.length; i += 10_000) await postEvents(url, lines.slice(i, i + 10_000));
}

/**
 * Drags across the graph, then zooms in and out with the wheel, through real input events;
 * each half stops early at `budgetMs` (a slow page takes one frame per event).
 */
async function panAndZoom(page: Page, budgetMs: number): Promise<void> {
  const graph = page.locator(`${CANVAS_SELECTOR}, [data-testid="process-graph"]`).first();
  const box = await graph.boundingBox();
  if (!box) throw new Error('the process graph has no box');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  let deadline = performance.now() + budgetMs / 2;
  for (let i = 1; i <= 40 && performance.now() < deadline; i++) {
    await page.mouse.move(cx + 8 * Math.sin(i / 6) * i, cy + 1.5 * i * (i % 2 === 0 ? 1 : -1));
  }
  await page.mouse.up();
  deadline = performance.now() + budgetMs / 2;
  for (let i = 0; i < 40 && performance.now() < deadline; i++) {
    await page.mouse.wheel(0, i % 20 < 10 ? -60 : 60);
  }
}

interface StreamRun {
  count: number;
  longest: number;
  total: number;
  events: number;
}

/** Streams into the open pod and collects the long tasks of that time (and 0.5 s after). */
async function streamOnce(
  page: Page,
  url: string,
  next: (count: number, stamp: number) => string[],
  seconds: number,
): Promise<StreamRun> {
  await sleep(1_000);
  await resetLongTasks(page);
  const load = await runPaced({
    rate: STREAM_RATE,
    durationMs: seconds * 1000,
    tickMs: 50,
    maxInFlight: 8,
    maxBatch: 1_000,
    next,
    send: (lines, giveUpAt) => postEvents(url, lines, giveUpAt),
  });
  await sleep(500);
  const tasks = await longTasks(page);
  return {
    count: tasks.length,
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    total: tasks.reduce((n, t) => n + t.duration, 0),
    events: load.events,
  };
}

async function visibleCards(page: Page): Promise<{ drawn: number; inView: number }> {
  return page.evaluate((selector) => {
    const svg = document.querySelector('[data-testid="process-graph"]');
    const view = svg?.getBoundingClientRect();
    const cards = [...document.querySelectorAll(selector)];
    const inView = view
      ? cards.filter((c) => {
          const r = c.getBoundingClientRect();
          return (
            r.right > view.left && r.left < view.right && r.bottom > view.top && r.top < view.bottom
          );
        }).length
      : 0;
    return { drawn: cards.length, inView };
  }, NODE_SELECTOR);
}

export const renderSuite: Suite = {
  name: 'render',
  title: '4. Rendering',
  budgets: [
    { name: 'select a pod of 5,000 processes: tree drawn', limit: `≤ ${SELECT_MS} ms` },
    { name: 'pan and zoom at 5,000 nodes: main-thread time per frame', limit: `≤ ${FRAME_MS} ms` },
    {
      name: `${STREAM_RATE} events/s into the open pod: longest main-thread task`,
      limit: `≤ ${LONG_TASK_MS} ms`,
    },
  ],
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const runs = ctx.quick ? 2 : 5;
    const size = ctx.quick ? 1_000 : 5_000;
    const streamSeconds = ctx.quick ? 4 : 5;
    const webNote = await buildWebApp();
    ctx.log(`web app: ${webNote}`);

    const db = join(ctx.tmpDir, 'render.db');
    removeDb(db);
    const server = await startServer({ args: ['--db', db, '--no-demo', '--max-body', '64MiB'] });
    const browser = await launchChromium();
    try {
      const big = renderPod(9_000, size);
      const small = renderPod(9_001, 10);
      const streamed = renderPod(9_100, size);
      await seed(server.url, [big, small, streamed]);
      const page = await newBenchPage(browser);
      await installRecorders(page);
      await page.goto(server.url);
      await page.locator('[data-testid="group-item"]').nth(2).waitFor({ timeout: 30_000 });
      const meter = await mainThreadMeter(page);
      const time = { select: NO_TIME, panZoom: NO_TIME, stream: NO_TIME };

      // 1. Selecting the big pod, from a small one each time.
      const selections: Selection[] = [];
      let selectPlan = { runs, note: `${runs} runs` };
      for (let r = 0; r < selectPlan.runs; r++) {
        await timeSelection(page, groupKeyOf(small.pod), small.pod.name, small.processes, 10_000);
        await meter.lap();
        const s = await timeSelection(page, groupKeyOf(big.pod), big.pod.name, size, 30_000);
        time.select = addBreakdowns(time.select, await meter.lap());
        selections.push(s);
        ctx.log(
          `select: ${s.ms.toFixed(0)} ms, ${s.nodes} nodes (${s.renderer})${s.complete ? '' : ' (incomplete)'}`,
        );
        if (r === 0) selectPlan = adaptiveRuns(s.complete ? s.ms : 30_000, SELECT_MS, runs);
      }
      const renderer = selections.at(-1)?.renderer ?? 'none';
      const cards =
        renderer === 'svg'
          ? await visibleCards(page)
          : { drawn: selections.at(-1)?.nodes ?? 0, inView: Number.NaN };

      // 2. Pan and zoom on it.
      const frames: { busy: number; interval: number; frames: number; p95: number }[] = [];
      for (let r = 0; r < runs; r++) {
        await startFrameLog(page);
        await meter.lap();
        await panAndZoom(page, ctx.quick ? 4_000 : 8_000);
        await sleep(300);
        time.panZoom = addBreakdowns(time.panZoom, await meter.lap());
        const log = await stopFrameLog(page);
        if (log.busy.length === 0) throw new Error('pan and zoom moved no frame');
        frames.push({
          busy: median(log.busy),
          p95: percentile(log.busy, 95),
          interval: log.intervals.length > 0 ? median(log.intervals) : Number.NaN,
          frames: log.busy.length,
        });
        ctx.log(
          `pan/zoom: median ${median(log.busy).toFixed(1)} ms over ${log.busy.length} frames`,
        );
      }

      // 3. Streaming into an open pod of the same size, selected once; runs follow each other.
      const target = streamed;
      await timeSelection(page, groupKeyOf(target.pod), target.pod.name, size, 30_000);
      const next = liveStream({
        pods: [target.pod],
        parentOf: (k) => target.workers[k % target.workers.length] ?? '',
        lifetimeMs: 500,
        firstIndex: 1_000_000,
      });
      const streams: StreamRun[] = [];
      for (let r = 0; r < runs; r++) {
        await meter.lap();
        streams.push(await streamOnce(page, server.url, next, streamSeconds));
        time.stream = addBreakdowns(time.stream, await meter.lap());
        ctx.log(
          `stream: ${streams.at(-1)?.count} long tasks, longest ${streams.at(-1)?.longest.toFixed(0)} ms`,
        );
      }
      const streamedTotal = size + streams.reduce((n, st) => n + st.events, 0) / 2;

      const complete = selections.every((s) => s.complete);
      const selectFigure = figure(
        `select a pod of ${formatNumber(size, 0)} processes → ${complete ? 'all nodes drawn' : 'nodes stop appearing'}`,
        'ms',
        summarize(selections.map((s) => s.ms)),
        0,
      );
      const busyFigure = figure(
        'pan/zoom: median main-thread time per moving frame',
        'ms',
        summarize(frames.map((f) => f.busy)),
        1,
      );
      const longestFigure = figure(
        'streaming: longest main-thread task (0 = none over 50 ms)',
        'ms',
        summarize(streams.map((s) => s.longest)),
        0,
      );
      const figures: Figure[] = [
        selectFigure,
        figure('nodes drawn after selecting', '', summarize(selections.map((s) => s.nodes)), 0),
        busyFigure,
        figure(
          'pan/zoom: p95 main-thread time per moving frame',
          'ms',
          summarize(frames.map((f) => f.p95)),
          1,
        ),
        figure(
          'pan/zoom: median duration of a moving frame (to the next frame)',
          'ms',
          summarize(frames.map((f) => f.interval)),
          1,
        ),
        figure('pan/zoom: moving frames per run', '', summarize(frames.map((f) => f.frames)), 0),
        longestFigure,
        figure(
          'streaming: long tasks (> 50 ms) per run',
          '',
          summarize(streams.map((s) => s.count)),
          0,
        ),
        figure(
          'streaming: main-thread time in long tasks per run',
          'ms',
          summarize(streams.map((s) => s.total)),
          0,
        ),
      ];
      const selectCheck = judge(`select a pod of 5,000 processes: tree drawn`, selectFigure, {
        kind: 'max',
        limit: SELECT_MS,
        unit: 'ms',
      });
      if (!complete) {
        selectCheck.verdict = 'FAIL';
        selectCheck.miss = `${selectCheck.miss ? `${selectCheck.miss}; ` : ''}the graph never showed all ${size} processes (at most ${Math.max(...selections.map((s) => s.nodes))} nodes)`;
      }
      const checks: BudgetCheck[] = [
        selectCheck,
        judge('pan and zoom at 5,000 nodes: main-thread time per frame', busyFigure, {
          kind: 'max',
          limit: FRAME_MS,
          unit: 'ms',
        }),
        judge(
          `${STREAM_RATE} events/s into the open pod: longest main-thread task`,
          longestFigure,
          { kind: 'max', limit: LONG_TASK_MS, unit: 'ms' },
        ),
      ];
      // One more run of each failed phase under the page's CPU profiler, to name hot spots;
      // for streaming also when a single run had a long task.
      const profiles: { phase: string; spots: HotSpot[] }[] = [];
      if (checks[2]?.verdict === 'FAIL' || hadLongTask(streams)) {
        const spots = await profilePage(page, async () => {
          await streamOnce(page, server.url, next, streamSeconds);
        });
        profiles.push({ phase: 'streaming', spots });
      }
      const selectBig = () => timeSelection(page, groupKeyOf(big.pod), big.pod.name, size, 30_000);
      if (checks[0]?.verdict === 'FAIL') {
        await timeSelection(page, groupKeyOf(small.pod), small.pod.name, small.processes, 10_000);
        profiles.push({
          phase: 'selecting the big pod',
          spots: await profilePage(page, async () => void (await selectBig())),
        });
      }
      if (checks[1]?.verdict === 'FAIL') {
        await selectBig();
        profiles.push({
          phase: 'pan and zoom',
          spots: await profilePage(page, () => panAndZoom(page, ctx.quick ? 4_000 : 8_000)),
        });
      }
      const evidence: RenderEvidence = {
        profiles,
        verdicts: checks.map((c) => c.verdict),
        size,
        cards,
        renderer,
        selections,
        frames,
        streams,
        time,
        streamSeconds,
      };
      return {
        method: [
          `- Web app ${webNote}, served by the real server ` +
            "(`exectree serve --no-demo --db <fresh temp file>`); Debian's Chromium headless through Playwright " +
            '(`--no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run`), viewport 1440×900.',
          `- Data, POSTed before the page opens: pods of ${formatNumber(size, 0)} processes each (a container init, 70 ` +
            'workers under it, the rest spread over the workers; 60 % of the leaves exited). Every binary is distinct ' +
            'so that the graph\'s sibling grouping (which folds identical small subtrees into one "×N" card) folds ' +
            'nothing: the worst case, one card per process.',
          `- Selection (${selectPlan.note}): select a 10-process pod, then click the big pod in the pod list ` +
            '(`[data-testid=group-item][data-key=…]`); timed in the page from the click until the group header names the ' +
            'pod and the graph shows every process: for the SVG renderer one `[data-testid=process-node]` card each, for ' +
            'the canvas renderer (the app switches above 1,500 nodes) the "N nodes · canvas" count of ' +
            '`[data-testid=canvas-mode]`; then one more frame (the canvas draws in it) and a task after it, so that ' +
            'frame is rendered.',
          `- Pan and zoom (${runs} runs) on the big pod: Playwright drags across the graph (40 mouse moves) and turns ` +
            'the wheel 40 times (in, then out), each half cut short after 4 s when frames are slow. A rAF loop in the page logs each frame that moved the view ' +
            "(SVG: the viewport's transform attribute changed; canvas: the scene was redrawn); its main-thread time is from the frame's rAF timestamp to a message posted from " +
            'the rAF callback (it runs after style, layout and paint of that frame). The median frame of each run is ' +
            'taken. ' +
            (renderer === 'svg'
              ? `SVG cards drawn: ${formatNumber(cards.drawn, 0)}, of which ${formatNumber(cards.inView, 0)} inside the graph's viewport at the fitted zoom.`
              : `The app drew this pod on its canvas renderer (${formatNumber(cards.drawn, 0)} nodes); a frame moved the view when the canvas redrew (counted through \`clearRect\`).`),
          `- Streaming (${runs} runs, one after the other): another pod of ${formatNumber(size, 0)} processes is ` +
            `selected and drawn, then each run POSTs ${formatNumber(STREAM_RATE, 0)} events/s for ${streamSeconds} s ` +
            '(new processes under its workers with the usual binaries, so the graph may fold repeats; exits 0.5 s ' +
            `later) and waits 0.5 s. The pod grows from ${formatNumber(size, 0)} to about ${formatNumber(streamedTotal, 0)} ` +
            'processes over the runs. A `PerformanceObserver` for `longtask`, installed before the app loads, records ' +
            "every main-thread task over 50 ms; it is emptied 1 s before each run. A run's figure is its longest task " +
            '(0 when none was over 50 ms); the verdict uses the median over the runs, as for every figure, and the ' +
            'findings name every run that had a long task.',
        ],
        figures,
        checks,
        findings: renderFindings(evidence),
      };
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
