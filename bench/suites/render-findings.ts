import { hotSpotLines, type HotSpot } from '../lib/cpu-profile.ts';
import { formatNumber } from '../lib/format.ts';
import type { Verdict } from '../lib/report-types.ts';
import type { Breakdown } from './render-cdp.ts';
import type { Selection } from './render-page.ts';

export interface RenderEvidence {
  size: number;
  renderer: 'svg' | 'canvas' | 'none';
  cards: { drawn: number; inView: number };
  selections: readonly Selection[];
  frames: readonly { busy: number; interval: number; frames: number; p95: number }[];
  streams: readonly { count: number; longest: number; total: number; events: number }[];
  time: { select: Breakdown; panZoom: Breakdown; stream: Breakdown };
  streamSeconds: number;
  /** Selection, pan/zoom, streaming. */
  verdicts: readonly Verdict[];
  profiles: readonly { phase: string; spots: readonly HotSpot[] }[];
}

function split(label: string, b: Breakdown, per: string): string {
  const pct = (ms: number) => (b.taskMs > 0 ? `${formatNumber((100 * ms) / b.taskMs, 0)} %` : '–');
  const other = Math.max(0, b.taskMs - b.scriptMs - b.layoutMs - b.styleMs);
  return (
    `  - ${label}: ${formatNumber(b.taskMs, 0)} ms of main-thread tasks ${per}: script ${pct(b.scriptMs)}, ` +
    `style ${pct(b.styleMs)}, layout ${pct(b.layoutMs)}, other (paint, GC, parsing) ${pct(other)}`
  );
}

function rendererLine(e: RenderEvidence): string {
  if (e.renderer === 'canvas') {
    return (
      `- The app drew the ${formatNumber(e.size, 0)}-process pods on its canvas renderer ` +
      '(`apps/web/src/components/ProcessGraph/CanvasGraph.tsx`, chosen above 1,500 nodes by ' +
      '`view/renderer.ts`), which looks up what is in view in a spatial index: pan and zoom only redraw ' +
      'the visible cards.'
    );
  }
  return (
    `- The graph was SVG with one \`<g>\` card per process and no culling: ${formatNumber(e.cards.drawn, 0)} cards in ` +
    `the DOM, ${formatNumber(e.cards.inView, 0)} of them inside the view at the fitted zoom.`
  );
}

function growthLine(e: RenderEvidence): string {
  let size = e.size;
  const growth = e.streams.map((s) => {
    const from = size;
    size += s.events / 2;
    return `${formatNumber(s.longest, 0)} ms at ${formatNumber(from, 0)}–${formatNumber(size, 0)} processes`;
  });
  return `- Streaming: the longest task per run as the pod grew (${growth.join('; ')}).`;
}

/** A main-thread task longer than this is a long task (the streaming budget). */
export const LONG_TASK_MS = 50;

export function hadLongTask(streams: readonly { longest: number }[]): boolean {
  return streams.some((s) => s.longest > LONG_TASK_MS);
}

/** Long tasks in a minority of runs pass the median verdict; they are still a pause a user sees. */
function rareLongTasks(e: RenderEvidence, verdict: Verdict | undefined): string[] {
  if (verdict === 'FAIL' || !hadLongTask(e.streams)) return [];
  const runs = e.streams.filter((s) => s.longest > LONG_TASK_MS);
  const longest = Math.max(...runs.map((s) => s.longest));
  return [
    `- ${runs.length} of ${e.streams.length} streaming runs had a main-thread task over ${LONG_TASK_MS} ms ` +
      `(the longest ${formatNumber(longest, 0)} ms; see above for when): rare enough that the median run had ` +
      'none, but a pause a user would notice. The profile of one more streaming run is above (taken whether or ' +
      'not that run has one); on a shared 2-core machine, where the server, the browser and the bench process ' +
      'compete for the cores, such a task can also be the thread waiting for a core.',
  ];
}

/** How the web app handles a streamed delta, so readers know what the figures measure. */
const STREAM_PIPELINE = [
  '- How a streamed delta reaches the screen: the live bridge (`apps/web/src/live/ingest.ts`) commits',
  '  batches of nothing but deltas at most every 250 ms. It reduces a commit and derives what it shows',
  '  in steps, each in a task of its own (`prepareExplorer` in `stores/use-explorer-view.ts`: view,',
  '  then display, then layout), and writes the store (and so renders) in the task after them. The',
  '  reducer (`live/reduce.ts`) records which processes a commit changed (`view/map-lineage.ts`); the',
  '  forest is patched with them (`view/forest-index.ts`): only changed processes and their ancestors',
  '  get new nodes. Exec probes, lanes, lane statistics, shapes and display items are cached by node,',
  '  lane or process identity, so untouched subtrees cost a lookup; start times are parsed once per',
  '  process (`view/process-keys.ts`); the group header counts (flagged, restarts, probes) follow the',
  '  recorded changes. A snapshot that resyncs the open pod (the server sends one when the client',
  '  falls behind) keeps the objects of unchanged processes (`live/snapshot-merge.ts`), so it is',
  '  patched the same way. What still grows with the pod per commit: copying the process `Map` in the',
  '  reducer, re-folding the sibling lists of every touched parent, and the tidy-tree layout of all',
  '  drawn items (`view/layout.ts`, d3) with the spatial index the canvas rebuilds from it.',
];

const streamNext = (missed: boolean) => [
  '',
  missed
    ? '**Streaming misses its budget**; what is left (web app):'
    : '**To make such tasks rarer still** (web app):',
  '',
  '1. `view/layout.ts`: lay out only the subtrees whose items changed and shift the rest, or run',
  '   `prepareExplorer` in a Web Worker and post the layout back as typed arrays.',
  '2. `view/grouping.ts`: keep the fold of a parent whose sibling list only grew, adding the new',
  '   siblings to their shape groups instead of folding the whole list again.',
];

export function renderFindings(e: RenderEvidence): string[] {
  const runs = (n: number) => `over ${n} run${n === 1 ? '' : 's'}`;
  const [select, panZoom, stream] = e.verdicts;
  return [
    '- Main-thread time by kind (Chromium `Performance.getMetrics` counters, summed):',
    split('selecting the big pod', e.time.select, runs(e.selections.length)),
    split('pan and zoom', e.time.panZoom, runs(e.frames.length)),
    split('streaming', e.time.stream, runs(e.streams.length)),
    rendererLine(e),
    ...e.profiles.flatMap((p) => [
      `- One more ${p.phase} run under the page's CPU profiler (CDP \`Profiler\`, not in the figures); hottest ` +
        "functions by self time, minified name → original line through the bundle's source map:",
      ...hotSpotLines(p.spots),
    ]),
    growthLine(e),
    ...rareLongTasks(e, stream),
    ...STREAM_PIPELINE,
    ...(stream === 'FAIL' || hadLongTask(e.streams) ? streamNext(stream === 'FAIL') : []),
    ...(select === 'FAIL'
      ? [
          '',
          '**Selection misses its budget**: a snapshot is reduced and derived in the steps described above,',
          'but on selection every step covers the whole pod (see the profile above). Fix: draw the first',
          'screenful before the rest is laid out, or derive in a Web Worker.',
        ]
      : []),
    ...(panZoom === 'FAIL'
      ? [
          '',
          '**Pan and zoom miss their budget**: see the profile above. For SVG, draw only the cards in view or',
          'switch to the canvas renderer earlier (`view/renderer.ts`, `CANVAS_ABOVE`); for the canvas, cache the',
          'drawn cards in an offscreen bitmap per zoom level and only blit while panning.',
        ]
      : []),
  ];
}
