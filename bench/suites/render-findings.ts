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

function streamLines(e: RenderEvidence): string[] {
  let size = e.size;
  const growth = e.streams.map((s) => {
    const from = size;
    size += s.events / 2;
    return `${formatNumber(s.longest, 0)} ms at ${formatNumber(from, 0)}–${formatNumber(size, 0)} processes`;
  });
  return [
    `- Streaming: the longest task per run grew with the pod (${growth.join('; ')}). Each committed delta`,
    '  replaces the process `Map` (`apps/web/src/live/reduce.ts`), and everything downstream is derived',
    '  from that map for the **whole pod**: `deriveExplorerView` (`view/explorer-view.ts`) runs',
    '  `buildForest` (`view/hierarchy.ts`, sorting every sibling list with `compareTime`, a regular',
    '  expression per comparison), `displayForest` folds and groups it, `useGraphModel` runs',
    '  `layoutForest` over all of it, and `CanvasGraph` rebuilds its spatial index from the new layout.',
    '  The page profile above shows that chain (grouping, hierarchy, findings, shapes, restarts: each a',
    '  pass over the whole pod). At ten deltas a second (the server flushes every 100 ms) it is one task',
    '  per delta, and it grows with the pod.',
    '',
    '**Recommended fixes for streaming** (web app; not changed by this bench):',
    '',
    '1. `apps/web/src/stores/use-explorer-view.ts` and `view/explorer-view.ts`: keep the forest',
    '   between commits and apply a delta to it (insert or move the changed processes under their',
    '   parents) instead of `buildForest` over the whole map; re-run `displayForest` and',
    '   `layoutForest` only for the subtrees the delta touched, and update the spatial index in',
    '   place. Expected: work per commit proportional to the delta (a few ms), no long tasks.',
    '2. Until then, bound each task: derive at most every 250–500 ms while deltas stream in, and',
    '   run `deriveExplorerView` + `displayForest` + `layoutForest` in a Web Worker (post the layout',
    '   back as typed arrays). Expected: the main thread only draws; tasks stay far under 50 ms.',
    '3. `view/hierarchy.ts`, `compareProcesses`: sort by a time key computed once per process when',
    '   it enters the store instead of `compareTime` per comparison. Expected: most of the sort cost.',
  ];
}

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
    ...(stream === 'FAIL' ? streamLines(e) : []),
    ...(select === 'FAIL'
      ? [
          '',
          '**Selection misses its budget**: the snapshot of the pod is turned into forest, display and layout on',
          'the main thread in one task (see the profile above). Fix: the Web Worker and precomputed time keys of',
          'the streaming fixes 2 and 3, and draw the first screenful before the rest is laid out.',
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
