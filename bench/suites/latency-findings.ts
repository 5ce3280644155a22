import { formatNumber } from '../lib/format.ts';

export interface DrainCost {
  groupSize: number;
  drainMs: number;
}

interface LatencyEvidence {
  /** POSTs refused with 429 (or cut off) and retried. */
  refused: number;
  drainCost: readonly DrainCost[];
  /** Processes per pod at the end of the run. */
  groupSize: number;
  edges: { p50First: number; p50Last: number; p99First: number; p99Last: number };
}

export function latencyFindings(e: LatencyEvidence): string[] {
  const costs = e.drainCost
    .map((c) => `${formatNumber(c.drainMs, 0)} ms at ${formatNumber(c.groupSize, 0)} processes`)
    .join(', ');
  return [
    ...(e.refused > 0
      ? [
          `- The server refused ${formatNumber(e.refused, 0)} POSTs with 429 and a Retry-After of at least 1 s: its ingest`,
          '  admission (`apps/server/src/security/ingest-admission.ts`) turns bodies away while the event loop',
          '  runs more than 60 ms late. Every refused event waits at least a second more, so once the loop is',
          '  late the percentiles are seconds; the lateness itself comes from the drain cost below.',
        ]
      : []),
    `- Each pod ends the run with about ${formatNumber(e.groupSize, 0)} processes (nothing is forgotten: no retention).`,
    `- \`bench/workers/drain-cost.ts\` times one \`ProcessTreeBuilder.drainChanges()\` after a single new process in a`,
    `  group: ${costs}. The live hub drains every 100 ms, so once a group holds some ten thousand processes`,
    '  a flush takes longer than its interval and everything queues behind it: the event loop is busy',
    '  draining instead of ingesting POSTs or writing to the socket, and latency climbs with the run.',
    '- Why it is linear in the group: group summaries are kept incrementally by `GroupAggregates`',
    '  (`packages/domain/src/tree/group-aggregates.ts`), but `remove()` marks a summary stale whenever the',
    '  removed contribution held one of its extremes, and `c.node === a.node` holds for nearly every',
    '  process of a pod (they all run on one node); every process update removes and re-adds its',
    '  contribution, so nearly every flush ends in `recompute()`, which walks every member through',
    '  `ProcessTreeBuilder.contributionsIn`. The ingest profile of `serve --file` shows the same two',
    '  functions at the top of the domain code.',
    '',
    '**Recommended fixes** (domain and server code; not changed by this bench):',
    '',
    '1. `packages/domain/src/tree/group-aggregates.ts`: keep a count per value for `node` and',
    '   `workload` (a `Map<string, number>`; the extreme is stale only when its count drops to 0), and',
    '   for `firstSeen`/`lastSeen` a min/max structure (a lazy-deletion heap, or a count per time key);',
    '   replace `remove` + `add` of one process by an `update(old, next)` that leaves the aggregate',
    '   alone when the extremes did not move. `drainChanges` then costs O(changed processes).',
    '   Expected: the drain cost above flat in the group size (≪ 1 ms per flush here), so the event',
    '   loop stays on time, the ingest admission stops refusing, and p50 ≈ half the 100 ms flush',
    '   interval plus transport.',
    '2. `apps/server/src/security/ingest-admission.ts`: the 60 ms lag threshold refuses bodies with a',
    '   Retry-After of whole seconds, which turns a 100 ms hiccup into seconds of latency; once (1) keeps',
    '   the loop on time this matters less, but a sub-second retry hint (or queueing small bodies instead',
    '   of refusing them) would keep live latency bounded under bursts.',
  ];
}
