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

/** A drain this long at the largest group, and this many times the smallest, grows with the group. */
const SLOW_DRAIN_MS = 5;
const GROWTH = 5;

function drainGrows(costs: readonly DrainCost[]): boolean {
  const first = costs[0];
  const last = costs.at(-1);
  if (first === undefined || last === undefined) return false;
  return last.drainMs >= SLOW_DRAIN_MS && last.drainMs >= GROWTH * Math.max(first.drainMs, 0.5);
}

export function latencyFindings(e: LatencyEvidence): string[] {
  const costs = e.drainCost
    .map((c) => `${formatNumber(c.drainMs, 0)} ms at ${formatNumber(c.groupSize, 0)} processes`)
    .join(', ');
  const grows = drainGrows(e.drainCost);
  return [
    ...(e.refused > 0
      ? [
          `- The server refused ${formatNumber(e.refused, 0)} POSTs with 429 and a Retry-After of at least 1 s. Its`,
          '  ingest admission (`apps/server/src/security/ingest-admission.ts`) queues bodies up to',
          '  `--ingest-queue` and refuses past it, when a new body would wait more than 2 s behind the queue at',
          '  the current pace, or while the event loop stays more than 250 ms late (smoothed): refusals mean',
          '  the server could not keep up with the offered rate, and each refused event waits a second more.',
        ]
      : []),
    `- Each pod ends the run with about ${formatNumber(e.groupSize, 0)} processes (nothing is forgotten: no retention).`,
    `- \`bench/workers/drain-cost.ts\` times one \`ProcessTreeBuilder.drainChanges()\` after a single new process in a`,
    `  group: ${costs}.` +
      (grows
        ? ' It grows with the group: the live hub drains every 100 ms, so once a group holds some ten' +
          ' thousand processes a flush takes a large part of its interval, and ingest, socket writes and' +
          ' the next drain queue behind it; latency climbs with the run.'
        : ' It does not grow with the group, so the drain itself is not what delays deltas.'),
    '- Not measured by this run: a `node --cpu-prof` profile of the server under this load, taken',
    '  separately (November 2026, 30 s), put 30 % of the busy time in the drain (group summaries), 20 % in',
    '  storing events and 19 % in writing the process rows search reads; both writes are SQLite on the',
    "  server's one thread. The rows of a drain are written after the sockets got their deltas, once per",
    '  process changed in that turn, but they still take their share of the loop.',
    '- A delta waits for the next drain: with drains every 100 ms (`DELTA_FLUSH_INTERVAL_MS`) that alone',
    '  is 50 ms on average, so the p50 budget of 60 ms leaves about 10 ms for parsing, storing,',
    '  sending and the client.',
    '',
    '**Recommended fixes**:',
    '',
    ...(grows
      ? [
          '1. `packages/domain/src/tree/group-aggregates.ts` (through `ProcessTreeBuilder.group`): keep the',
          '   extremes of a group summary incrementally, so a drain costs O(changed processes), not O(group).',
        ]
      : []),
    `${grows ? '2' : '1'}. Move SQLite writes off the event loop: event appends and process rows in a worker`,
    '   thread with its own connection (WAL allows one writer and readers), or at least WAL checkpoints,',
    '   which otherwise stall the commit that triggers them.',
  ];
}
