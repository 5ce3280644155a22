import { hotSpotLines, type HotSpot } from '../lib/cpu-profile.ts';
import { formatNumber } from '../lib/format.ts';
import { median } from '../lib/stats.ts';

/** One timed restart of bench/suites/restart.ts. */
export interface RestartRun {
  listeningMs: number;
  groupsMs: number;
  /** /api/v1/groups answered → first pod item visible. */
  pageMs: number;
  /** Spawn → the page is usable: a pod item shows, and either the rebuild is done or the page says it is running. */
  totalMs: number;
  /** The page was usable while the rebuild still ran (it showed the progress). */
  usableDuringRebuild: boolean;
}

interface RestartEvidence {
  failed: boolean;
  events: number;
  restarts: readonly RestartRun[];
  /** Spawn → rebuild done in the untimed warm-up start. */
  warmUpRebuildMs: number;
  /** After a miss: a profiled start-up and the first seconds of the rebuild. */
  profile: readonly HotSpot[];
  seededMs?: number;
}

function share(e: RestartEvidence): string {
  const m = (pick: (r: RestartRun) => number) => median(e.restarts.map(pick));
  const total = m((r) => r.totalMs);
  const pct = (ms: number) => `${formatNumber((100 * ms) / total, 0)} %`;
  const waited = m((r) => r.totalMs - r.listeningMs - r.groupsMs - r.pageMs);
  return (
    `- Of the median ${formatNumber(total / 1000, 2)} s to a usable page: start-up to \`listening on\` ` +
    `${pct(m((r) => r.listeningMs))} (loading the server and opening the store; the trees are rebuilt after it ` +
    `listens), \`/api/v1/groups\` ${pct(m((r) => r.groupsMs))}, loading the page until the pod list shows ` +
    `${pct(m((r) => r.pageMs))}, waiting for the rebuild or its progress notice ${pct(waited)}.`
  );
}

function rebuild(e: RestartEvidence): string {
  const during = e.restarts.filter((r) => r.usableDuringRebuild).length;
  return (
    `- The rebuild of the trees from the ${formatNumber(e.events, 0)} stored events runs in the background ` +
    `(not budgeted: the pod list, ingest and /healthz answer meanwhile); in the warm-up start it was done ` +
    `${formatNumber(e.warmUpRebuildMs / 1000, 1)} s after the spawn` +
    (e.seededMs === undefined ? '' : ', writing every process row of the store just imported') +
    `. In ${during} of ${e.restarts.length} runs the page was usable before it ended, showing the progress` +
    (during < e.restarts.length
      ? '; in the others the page showed no progress notice, so the run counted as usable only once the rebuild was done.'
      : '.')
  );
}

export function restartFindings(e: RestartEvidence): string[] {
  return [
    share(e),
    rebuild(e),
    ...(e.seededMs === undefined
      ? []
      : [
          `- Writing the lines and importing them took ${formatNumber(e.seededMs / 1000, 1)} s ` +
            `(${formatNumber(e.events / (e.seededMs / 1000), 0)} events/s).`,
        ]),
    ...(e.profile.length > 0
      ? [
          '- The profiled start after the miss (`node --cpu-prof`: start-up and the first 10 s of the rebuild, no page); ' +
            "hottest functions by self time (`(garbage collector)` is V8's):",
          ...hotSpotLines(e.profile),
        ]
      : []),
    ...(e.failed ? ['', '**Recommended fixes**:', '', ...fixes(e)] : []),
  ];
}

function fixes(e: RestartEvidence): string[] {
  const list: string[][] = [];
  if (e.restarts.some((r) => !r.usableDuringRebuild)) {
    list.push([
      'The page showed no rebuild progress in some runs, so they only counted as usable once the',
      'rebuild was done: the web app shows `rebuild` from `/api/v1/info` while it is not null',
      '(`RebuildBanner`, `data-testid="rebuild-banner"`); check that it polls the info soon enough.',
    ]);
  }
  list.push(
    [
      'Start-up to `listening on` is mostly loading the server: `apps/server/bin/exectree.js` runs',
      'the TypeScript sources through tsx on every start; compiling them once at build time would',
      'leave opening the store (tens of ms) and the first rebuild slice.',
    ],
    [
      'The page competes with the rebuild for the CPU on this machine (the browser runs beside the',
      'server): the server already pauses between rebuild slices while requests come in',
      '(`pauseRebuildWhileServing` in `apps/server/src/server.ts`); a longer pause trades rebuild',
      'time for page time.',
    ],
    [
      'The rebuild itself (not budgeted): `ProcessTreeBuilder.apply` and `parseLine` (its',
      '`contentHash` of a line whose id the store already holds) lead the profile above, with the',
      'garbage collector walking every retained process; a domain entry point that parses a stored',
      'line with its known id, or persisting the builder state, would shorten it.',
    ],
  );
  return list.flatMap((lines, index) =>
    lines.map((line, at) => (at === 0 ? `${index + 1}. ${line}` : `   ${line}`)),
  );
}
