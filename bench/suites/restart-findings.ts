import { hotSpotLines, type HotSpot } from '../lib/cpu-profile.ts';
import { formatNumber } from '../lib/format.ts';
import { median } from '../lib/stats.ts';

interface RestartEvidence {
  failed: boolean;
  events: number;
  restarts: readonly { listeningMs: number; groupsMs: number; pageMs: number; totalMs: number }[];
  /** From the untimed warm-up start, start-up to shutdown. */
  profile: readonly HotSpot[];
  seededMs?: number;
}

function share(e: RestartEvidence): string {
  const m = (pick: (r: RestartEvidence['restarts'][number]) => number) =>
    median(e.restarts.map(pick));
  const total = m((r) => r.totalMs);
  const pct = (ms: number) => `${formatNumber((100 * ms) / total, 0)} %`;
  return (
    `- Of the median ${formatNumber(total / 1000, 2)} s: start-up to \`listening on\` ${pct(m((r) => r.listeningMs))} ` +
    `(opening the store and rebuilding the trees: \`openEngine\` in \`apps/server/src/engine.ts\`), ` +
    `\`/api/v1/groups\` ${pct(m((r) => r.groupsMs))}, loading the page until the pod list shows ${pct(m((r) => r.pageMs))}.`
  );
}

export function restartFindings(e: RestartEvidence): string[] {
  return [
    share(e),
    ...(e.seededMs === undefined
      ? []
      : [
          `- Filling the store through the server took ${formatNumber(e.seededMs / 1000, 1)} s ` +
            `(${formatNumber(e.events / (e.seededMs / 1000), 0)} events/s over HTTP).`,
        ]),
    ...(e.failed && e.profile.length > 0
      ? [
          '- The untimed warm-up start under `node --cpu-prof` (start-up to shutdown, no page); hottest functions by ' +
            "self time (`(garbage collector)` is V8's):",
          ...hotSpotLines(e.profile),
        ]
      : []),
    ...(e.failed
      ? [
          '',
          '**Recommended fixes** (server code; not changed by this bench):',
          '',
          '1. `apps/server/src/engine.ts`, `openEngine`: listen first and rebuild in the background in',
          '   slices, with a "rebuilding" flag in `/api/v1/info` and progress in the page; or persist the',
          '   builder state next to the events and replay only what came after it. Expected: `listening',
          '   on` in well under a second whatever the store size.',
          '2. `apps/server/src/store/rebuild.ts`, `rebuildTree`: stop re-running the full `parseLine` on',
          '   lines that were validated when stored; keep the fields the builder needs in columns.',
          '3. `apps/server/src/store/sqlite-process-store.ts`, `sync`: compare a per-row version instead',
          '   of the whole JSON of every process, or skip it after a clean shutdown (a flag in `store_meta`).',
          "4. The garbage collector's share above is the price of the per-process heap measured in",
          '   benchmark 2: every full collection walks all retained processes. The memory fixes listed there',
          '   (one pod object per pod, packed fields) shorten start-up as well.',
        ]
      : []),
  ];
}
