import { hotSpotLines, type HotSpot } from '../lib/cpu-profile.ts';
import { formatNumber } from '../lib/format.ts';

export interface StageTimes {
  events: number;
  splitMs: number;
  parseMs: number;
  storeMs: number;
  applyMs: number;
  drainMs: number;
}

export interface ProfiledRun {
  name: string;
  eventsPerSecond: number;
  spots: HotSpot[];
}

interface IngestEvidence {
  events: number;
  stages: StageTimes | undefined;
  diagnostics: readonly ProfiledRun[];
}

function stageLines(s: StageTimes): string[] {
  const stages: [string, number][] = [
    ['read + split lines', s.splitMs],
    ['`parseLine` (JSON.parse, field checks, `contentHash`)', s.parseMs],
    ['`SqliteEventStore.append` (5,000 per transaction)', s.storeMs],
    ['`ProcessTreeBuilder.apply` (serve only)', s.applyMs],
    ['`drainChanges` once at the end (serve only)', s.drainMs],
  ];
  const total = stages.reduce((n, [, ms]) => n + ms, 0);
  const us = (ms: number) => formatNumber((1000 * ms) / s.events, 1);
  const importMs = s.splitMs + s.parseMs + s.storeMs;
  const largest = stages.slice(0, 3).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return [
    `- Stages, each alone (\`bench/workers/ingest-stages.ts\`, the server's own code, one run over the same ${formatNumber(s.events, 0)} events):`,
    ...stages.map(
      ([name, ms]) =>
        `  - ${name}: ${formatNumber(ms, 0)} ms (${formatNumber((100 * ms) / total, 0)} %, ${us(ms)} µs per event)`,
    ),
    `- What import does (split + parse + store) adds up to ${us(importMs)} µs per event, against ` +
      `${us(s.splitMs)} µs + JSON.parse for the bare loop; the largest of its stages is ${largest}. ` +
      `Building the tree (apply + drain) adds ${us(s.applyMs + s.drainMs)} µs per event on top.`,
  ];
}

function profileLines(run: ProfiledRun): string[] {
  return [
    `- \`${run.name}\` under \`node --cpu-prof\` (one run, ${formatNumber(run.eventsPerSecond, 0)} events/s with the ` +
      "profiler on); hottest functions by self time (`(garbage collector)` is V8's, `esm/hooks` is tsx compiling at start-up):",
    ...hotSpotLines(run.spots),
  ];
}

/** Why the ingest budgets are missed and what to change, with this run's evidence. */
export function ingestFindings(evidence: IngestEvidence): string[] {
  return [
    ...(evidence.stages ? stageLines(evidence.stages) : []),
    ...evidence.diagnostics.flatMap(profileLines),
    '- The bare loop only parses. exectree also type-checks every field it reads, hashes the whole',
    '  line, writes the raw line with its indexes to SQLite and (in serve) merges the tree and writes',
    '  one row per changed process. No single change closes a gap of this size; the fixes below add up.',
    '',
    '**Recommended fixes** (server and domain code; not changed by this bench):',
    '',
    '1. `apps/server/src/store/sqlite-event-store.ts`, `SCHEMA`: the events table is keyed by a',
    '   16-hex-character `id TEXT PRIMARY KEY`, so every insert also updates that index (random keys),',
    '   `events_seq`, `events_exec_id` and the partial `events_unattached` index of',
    '   `sqlite-process-schema.ts`. Make `seq INTEGER PRIMARY KEY` (the rowid, drops `events_seq`), store',
    '   the 64-bit content hash as an `INTEGER UNIQUE`, and raise `PRAGMA cache_size` (e.g. -65536) so the',
    '   index pages stay cached. Expected: the store stage roughly halves.',
    '2. `apps/server/src/store/sqlite-process-store.ts` (serve): each drain (every 100 ms) writes every',
    '   changed process as a full row plus its whole JSON to `processes`, which has six secondary indexes',
    '   (`sqlite-process-schema.ts`). Coalesce rows over several drains (a process is usually written at',
    '   exec and again at exit, and a parent on every new child) and keep only the indexes search uses.',
    '   Expected: most of the SQLite time in the serve profile above.',
    '3. `packages/domain/src/util/time.ts`, `timeKey` / `compareTime`: a regular expression per call,',
    '   called per event by the store, per upsert by `ProcessTreeBuilder.pidStartKeyOf` and per',
    '   comparison wherever processes are ordered. Compute the key once in `parseLine` (a `timeKey`',
    '   next to `time` and `startTime`) and compare keys. Expected: their self time in the profiles.',
    '4. `packages/domain/src/tree/group-aggregates.ts`: `recompute` via `contributionsIn` walks a whole',
    '   group on most flushes (see the latency findings for why and the fix). Expected: that share of',
    '   the serve profile.',
    '5. `packages/domain/src/tree/merged-process.ts`, `podKeyOf` / `mergeSnapshot`: `JSON.stringify(pod)`',
    '   for every snapshot, and an `incoming` object built with thirteen spreads per snapshot. Key pods',
    '   by namespace, name and container id, cache the key on the interned pod, and compare fields',
    '   straight from the snapshot. Expected: a large part of the apply stage and of the GC time.',
    '6. `packages/domain/src/tetragon/parse-line.ts`: `contentHash` walks the 2 KB line character by',
    '   character in JavaScript; hash the UTF-8 bytes natively (`crypto.createHash`) while they are still a',
    '   buffer. `field-reader.ts` `stringMap` copies every label map; keep the parsed object. Expected: a',
    '   few µs per event of the parse stage.',
  ];
}
