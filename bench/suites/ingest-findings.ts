import { hotSpotLines, type HotSpot } from '../lib/cpu-profile.ts';
import { formatNumber } from '../lib/format.ts';

/** One stage alone: wall-clock and CPU milliseconds over the whole file. */
export interface StageTime {
  ms: number;
  cpuMs: number;
}

/** What bench/workers/ingest-stages.ts prints. */
export interface StageTimes {
  events: number;
  split: StageTime;
  jsonParse: StageTime;
  hash: StageTime;
  parseLine: StageTime;
  /** What a parse worker does: depth check, parseLine, the store's columns. */
  parse: StageTime;
  /** Structured clone of the lines to a worker and of its columns back. */
  transfer: StageTime;
  store: StageTime;
  close: StageTime;
  apply?: StageTime;
  drain?: StageTime;
}

export interface ProfiledRun {
  name: string;
  eventsPerSecond: number;
  spots: HotSpot[];
}

/** Spawn to exit on an empty file: what start-up alone costs each contender. */
export interface StartupTimes {
  importMs: number;
  bareMs: number;
}

interface IngestEvidence {
  events: number;
  cores: number;
  /** Medians of the timed rounds. */
  bareEventsPerSecond: number;
  jqEventsPerSecond: number | undefined;
  ratioBare: number;
  ratioJq: number;
  /** The budgets: at least this many times the bare loop's and jq's events/s. */
  budgetBare: number;
  budgetJq: number;
  stages: StageTimes | undefined;
  startup: StartupTimes | undefined;
  diagnostics: readonly ProfiledRun[];
}

const n0 = (value: number) => formatNumber(value, 0);

function stageLines(s: StageTimes): string[] {
  const us = (ms: number) => formatNumber((1000 * ms) / s.events, 1);
  const row = (name: string, t: StageTime, indent = '  ') =>
    `${indent}- ${name}: ${n0(t.cpuMs)} ms CPU (${us(t.cpuMs)} µs per event; ${n0(t.ms)} ms wall)`;
  return [
    `- Stages, each alone in one thread (\`bench/workers/ingest-stages.ts\`, the server's own code, one run over the same ${n0(s.events)} events; CPU time is the steadier figure on a shared machine):`,
    row('read + split + decode lines (`ByteLineSplitter`, main thread)', s.split),
    row('parse worker: depth check + `parseLine` + the columns the store writes', s.parse),
    row('of which `parseLine` alone', s.parseLine, '    '),
    row('of which `JSON.parse` alone', s.jsonParse, '      '),
    row('of which `contentHash` alone', s.hash, '      '),
    row('lines to a worker and columns back (structured clone, both ways)', s.transfer),
    row('`SqliteEventStore.appendColumns`, 1,000 per transaction (main thread)', s.store),
    row('closing the store (WAL checkpoint)', s.close),
    ...(s.apply ? [row('`ProcessTreeBuilder.apply` (serve only, not import)', s.apply)] : []),
    ...(s.drain ? [row('`drainChanges` once at the end (serve only)', s.drain)] : []),
  ];
}

/**
 * The fastest `exectree import` the stage costs allow on `cores` cores, against the bare loop
 * costed the same way (CPU per event plus start-up), so the bound holds on a busy machine too.
 */
function boundLines(e: IngestEvidence, s: StageTimes, startup: StartupTimes): string[] {
  const main = s.split.cpuMs + s.transfer.cpuMs / 2 + s.store.cpuMs + s.close.cpuMs;
  const worker = s.parse.cpuMs + s.transfer.cpuMs / 2;
  const work = Math.max(main, worker, (main + worker) / e.cores);
  const bare = s.split.cpuMs + s.jsonParse.cpuMs;
  const bestRatio = (startup.bareMs + bare) / (startup.importMs + work);
  // The CPU import could spend and still reach the budget in that best case.
  const allowed = e.cores * ((startup.bareMs + bare) / e.budgetBare - startup.importMs);
  const perEvent = (ms: number) => formatNumber((1000 * ms) / e.events, 1);
  const ratio = (value: number) => `${formatNumber(value, 2)}×`;
  const lines = [
    `- Start-up, spawn to exit on an empty file, fastest of 5: \`exectree import\` ${n0(startup.importMs)} ms ` +
      `(node, tsx, the store's modules, opening SQLite; a file this small is parsed without a worker), ` +
      `the bare loop ${n0(startup.bareMs)} ms.`,
    `- CPU per event: the bare loop ${perEvent(bare)} µs (split + JSON.parse). \`import\` ` +
      `${perEvent(main + worker)} µs: its main thread reads, splits and stores (${perEvent(main)} µs), ` +
      `a parse worker parses (${perEvent(worker)} µs). On top of what the bare loop does it checks the ` +
      `depth and the type of every field it reads, hashes the whole line (${perEvent(s.hash.cpuMs)} µs: ` +
      'two dependent multiply chains per character, so no implementation of this hash is much faster) ' +
      `and writes the 2.3 KB line with its indexes to SQLite (${perEvent(s.store.cpuMs + s.close.cpuMs)} µs).`,
    `- Best case for the ${e.budgetBare}× budget: both threads always busy on ${e.cores} otherwise idle cores, ` +
      `${n0(startup.importMs)} ms + ${n0(work)} ms for \`import\` against ${n0(startup.bareMs)} ms + ` +
      `${n0(bare)} ms for the bare loop: **${ratio(bestRatio)} at most** (measured: ` +
      `${ratio(e.ratioBare)}; other processes sharing the cores push it towards the CPU ratio, ` +
      `${ratio(bare / (main + worker))}).` +
      (bestRatio >= e.budgetBare
        ? ` On idle cores these figures would allow ${e.budgetBare}×; what this run measured is contention.`
        : ` With this start-up, ${e.budgetBare}× would need \`import\` to spend at most ` +
          `${perEvent(Math.max(0, allowed))} µs of CPU per event, ` +
          `${perEvent(main + worker - allowed)} µs less than now; no single change below saves ` +
          'that much, and only start-up and CPU cuts together could reach it, on idle cores.'),
  ];
  if (e.jqEventsPerSecond !== undefined) {
    const bareVsJq = e.bareEventsPerSecond / e.jqEventsPerSecond;
    const jqInBare = e.budgetJq / bareVsJq;
    lines.push(
      `- ${e.budgetJq}× jq: in this run the bare loop ran at ${ratio(bareVsJq)} jq, so ${e.budgetJq}× jq means ` +
        `${ratio(jqInBare)} the bare loop (measured: ${ratio(e.ratioJq)} jq). Even with no ` +
        `start-up at all, ${e.cores} busy cores would have to do all of import's work in ` +
        `${perEvent(e.cores * (bare / jqInBare))} µs of CPU per event, against ` +
        `${perEvent(main + worker)} µs now and ${perEvent(bare)} µs for splitting and JSON.parse ` +
        'alone: **out of reach on this machine** for an import that parses, validates, hashes and ' +
        'durably stores every line.',
    );
  }
  return lines;
}

function profileLines(run: ProfiledRun): string[] {
  return [
    `- \`${run.name}\` under \`node --cpu-prof\` (one run, ${n0(run.eventsPerSecond)} events/s with the ` +
      'profiler on; main thread only, the parse worker is not profiled); hottest functions by self time ' +
      "(`(garbage collector)` is V8's, `esm/hooks` is tsx compiling at start-up):",
    ...hotSpotLines(run.spots),
  ];
}

/** Why the ingest budgets are missed, with this run's evidence, and what is left to try. */
export function ingestFindings(evidence: IngestEvidence): string[] {
  const { stages, startup } = evidence;
  return [
    ...(stages ? stageLines(stages) : []),
    ...(stages && startup ? boundLines(evidence, stages, startup) : []),
    ...evidence.diagnostics.flatMap(profileLines),
    '',
    '**Done for this budget** (issue 6): `exectree import` loads only the modules it needs (no zod,',
    'no express, no tree; `apps/server/src/ingest/domain-parsing.ts`); the events table is keyed by',
    '`seq INTEGER PRIMARY KEY` with the content hash as an `INTEGER` under a unique index (schema',
    'version 4; old stores are converted when opened, `sqlite-events-schema.ts`) and a 32 MiB page',
    'cache; inputs over 8 MB are parsed in worker threads (`apps/server/src/ingest/parallel/`), which',
    'send back only the columns the store writes while the main thread reads and stores; a database',
    'the import creates is written without syncing and synced once at the end',
    '(`sqlite-bulk-load.ts`); the depth check counts brackets before walking strings.',
    '',
    '**Left to try**, largest expected gain first (measured on this machine while trying them):',
    '',
    '1. Run the server from compiled JavaScript instead of tsx: most of the start-up above, in the main',
    '   thread and in every parse worker (each worker loads tsx, about 0.2 s of CPU).',
    '2. A faster content hash: `crypto.hash("sha256")` (SHA-NI) took 2.7 µs per line against 4.7 µs.',
    '   It changes every event id, so PostgreSQL stores would need their ids re-hashed the way SQLite',
    '   schema version 4 converts them, and the ids must change in `parseLine` itself so loss markers',
    '   and stored ids still agree.',
    '3. Write a new database without the WAL (`journal_mode = OFF` until the end, then one `fsync`),',
    '   so each byte is written once instead of twice: less system time, but a process killed',
    '   mid-import (Ctrl-C) would leave a corrupt file instead of a shorter one.',
    '4. Insert 40 rows per statement instead of one: about 5 % less CPU in the store stage.',
    '',
    'Tried without a net gain: creating `events_hash` and `events_exec_id` after the rows of a new',
    'database (inserting took about 140 ms less CPU, building the two indexes then took about 120 ms),',
    'and a larger V8 young generation (`--max-semi-space-size`) against the garbage collector time.',
  ];
}
