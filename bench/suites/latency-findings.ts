import { hotSpotLines } from '../lib/cpu-profile.ts';
import { formatNumber } from '../lib/format.ts';
import type { LiveProfile } from '../lib/live-profile.ts';

export interface DrainCost {
  groupSize: number;
  drainMs: number;
}

export interface LatencyEdges {
  p50First: number;
  p50Last: number;
  p99First: number;
  p99Last: number;
}

interface LatencyEvidence {
  /** POSTs refused with 429 (or cut off) and retried. */
  refused: number;
  drainCost: readonly DrainCost[];
  /** Processes per pod at the end of the run. */
  groupSize: number;
  edges: LatencyEdges;
  /** The extra run under `node --cpu-prof`. */
  profile: LiveProfile & { seconds: number };
}

/** A drain this long at the largest group, and this many times the smallest, grows with the group. */
const SLOW_DRAIN_MS = 5;
const GROWTH = 5;
/** SQLite time per second of load that grew by this factor over the run is the drift. */
const SQLITE_GROWTH = 1.3;

function drainGrows(costs: readonly DrainCost[]): boolean {
  const first = costs[0];
  const last = costs.at(-1);
  if (first === undefined || last === undefined) return false;
  return last.drainMs >= SLOW_DRAIN_MS && last.drainMs >= GROWTH * Math.max(first.drainMs, 0.5);
}

const pct = (share: number) => `${formatNumber(share * 100, 0)} %`;

function profileLines(profile: LatencyEvidence['profile']): string[] {
  const busy = profile.busyMs / 1000 / profile.seconds;
  return [
    `- Profile of the server under the same load for ${profile.seconds} s (\`node --cpu-prof\`): busy`,
    `  ${formatNumber(profile.busyMs / 1000, 1)} s, about ${pct(busy)} of its one thread (start and stop included). SQLite`,
    "  statements and commits (better-sqlite3's `sqliteTransaction`, self time: the statements,",
    '  the WAL page writes of the commit and the checkpoints it triggers) by who opened the transaction:',
    ...profile.transactions.map(
      (t) =>
        `  - ${pct(t.share)} (${formatNumber(t.selfMs, 0)} ms): \`${t.name}\`; ` +
        `${formatNumber(t.firstQuarterMsPerS, 0)} → ${formatNumber(t.lastQuarterMsPerS, 0)} ms per second ` +
        'from the first to the last quarter of the load',
    ),
    '- Hottest functions by self time (share of the busy time):',
    ...hotSpotLines(profile.spots),
  ];
}

export function latencyFindings(e: LatencyEvidence): string[] {
  const costs = e.drainCost
    .map((c) => `${formatNumber(c.drainMs, 0)} ms at ${formatNumber(c.groupSize, 0)} processes`)
    .join(', ');
  const grows = drainGrows(e.drainCost);
  const appends = e.profile.transactions.find((t) => t.name.includes('sqlite-event-store'));
  const appendsGrow =
    appends !== undefined &&
    appends.lastQuarterMsPerS >= SQLITE_GROWTH * Math.max(appends.firstQuarterMsPerS, 1);
  const fixes = [
    ...(grows
      ? [
          '`packages/domain/src/tree/group-aggregates.ts` (through `ProcessTreeBuilder.group`): keep the' +
            ' extremes of a group summary incrementally, so a drain costs O(changed processes), not O(group).',
        ]
      : []),
    'Event appends (`apps/server/src/store/sqlite-event-store.ts`, `ingest/ingest-scheduler.ts`): commit' +
      ' the batches of the bodies waiting in the IngestScheduler together, in one transaction (group' +
      ' commit), instead of one transaction per POST body: the index pages a commit rewrites are then' +
      ' shared by many more events.',
    'Move SQLite writes off the event loop: event appends and process rows in a worker thread with its' +
      ' own connection (WAL allows one writer and readers), so neither a commit nor a checkpoint delays' +
      ' a delta.',
  ];
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
        ? ' It grows with the group, so once a group holds some ten thousand processes a drain takes a' +
          ' large part of the time between drains, and ingest, socket writes and the next drain queue behind it.'
        : ' It does not grow with the group, so the drain itself is not what delays deltas.'),
    '- A delta waits for the next drain: the change feed (`apps/server/src/changes/change-feed.ts`) drains',
    '  as soon as `EAGER_FLUSH_GAP_MS` (20 ms) have passed since the last drain once an ingested event',
    '  changed the tree, so about 10 ms on average (the 100 ms `DELTA_FLUSH_INTERVAL_MS` tick only runs',
    '  when nothing is ingested). The process rows search reads are written at most every 100 ms',
    '  (`ROW_WRITE_GAP_MS`), after the sockets got their deltas.',
    ...profileLines(e.profile),
    ...(appendsGrow
      ? [
          '- The time spent appending events grows during the run while the load stays the same. Every',
          '  POST body is its own transaction, and the events table has two indexes on random keys',
          '  (`events_hash`, `events_exec_id`) on 16 KiB pages: the likely cause is that, as the store',
          '  grows, the events of one commit share fewer index pages, so each commit writes more pages to',
          '  the WAL. Measured separately (27 November 2026, same load): with automatic checkpoints off,',
          '  the WAL grew by 1.8 GB in 20 s for 100,000 events of about 1 KB (events and process rows',
          '  together: some 18 KB written per event), and appends took 1.3 and 1.6 s of each 10 s; with',
          '  checkpoints on (every 1,000 pages, 16 MB) 1.7 and 2.4 s, rising to 3.8 s per 10 s by the end',
          '  of a 60 s run. With the server this busy, a body waits longer behind the ones before',
          `  it: p50 went ${formatNumber(e.edges.p50First, 1)} → ${formatNumber(e.edges.p50Last, 1)} ms and p99 ` +
            `${formatNumber(e.edges.p99First, 1)} → ${formatNumber(e.edges.p99Last, 1)} ms from the first to the last 10 s.`,
        ]
      : []),
    '- The machine is shared: figures of a run while other work loads it are higher and drift more;',
    '  compare with the load average at the start of the report.',
    '',
    '**Recommended fixes**:',
    '',
    ...fixes.map((fix, i) => `${i + 1}. ${fix}`),
  ];
}
