/**
 * Diagnostic for the ingest benchmark: the stages of `exectree import` timed one at a time on
 * the same file, in this one thread, with the server's own code and its batch size. Each stage
 * reports wall-clock and CPU milliseconds (CPU is steadier on a shared machine). The tree stages
 * (serve only) are timed when the domain's tree loads. Prints one JSON object (StageTimes).
 */
import { readFileSync } from 'node:fs';
import { ByteLineSplitter } from '../../apps/server/src/ingest/file/byte-line-splitter.ts';
import { contentHash, parseLine } from '../../apps/server/src/ingest/domain-parsing.ts';
import type { NumberedLine } from '../../apps/server/src/ingest/line-splitter.ts';
import { parseBatch, type ParsedBatch } from '../../apps/server/src/ingest/parallel/parse-batch.ts';
import { SqliteEventStore } from '../../apps/server/src/store/sqlite-event-store.ts';

const [file, db] = process.argv.slice(2);
if (file === undefined || db === undefined) throw new Error('usage: ingest-stages FILE DB');
const BATCH = 1_000;
const CHUNK = 1 << 20;

interface Timed {
  ms: number;
  cpuMs: number;
}

function time(stage: () => void): Timed {
  const cpu = process.cpuUsage();
  const start = performance.now();
  stage();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const bytes = readFileSync(file);
const lines: NumberedLine[] = [];
const split = time(() => {
  const splitter = new ByteLineSplitter();
  for (let at = 0; at < bytes.length; at += CHUNK)
    splitter.push(bytes.subarray(at, at + CHUNK), lines);
  splitter.end(lines);
});
const texts = lines.map((line) => line.text);
const batchesOf = <T>(items: readonly T[]) =>
  Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) =>
    items.slice(i * BATCH, (i + 1) * BATCH),
  );
const textBatches = batchesOf(texts);

const jsonParse = time(() => {
  for (const text of texts) JSON.parse(text);
});
const hash = time(() => {
  for (const text of texts) contentHash(text);
});
const parseLineOnly = time(() => {
  for (const text of texts) parseLine(text);
});
let parsed: ParsedBatch[] = [];
const parse = time(() => {
  parsed = textBatches.map((batch) => parseBatch(batch));
});
// What crossing to a worker and back costs: the lines out, the columns back.
const transfer = time(() => {
  for (const batch of textBatches) structuredClone(batch);
  for (const batch of parsed) structuredClone(batch);
});

const store = new SqliteEventStore(db);
let inserted = 0;
const storeTime = time(() => {
  parsed.forEach((batch, i) => {
    const raws = (textBatches[i] ?? []).filter((_, k) => batch.kinds[k] === 0);
    inserted += store.appendColumns({ ...batch, raws });
  });
});
const close = time(() => store.close());

let apply: Timed | undefined;
let drain: Timed | undefined;
try {
  const { ProcessTreeBuilder } = await import('@exectree/domain');
  const events = texts.flatMap((text) => {
    const result = parseLine(text);
    return result.kind === 'event' ? [result.event] : [];
  });
  const builder = new ProcessTreeBuilder();
  apply = time(() => {
    for (const event of events) builder.apply(event);
  });
  drain = time(() => builder.drainChanges());
} catch (error) {
  process.stderr.write(`tree stages skipped: ${String(error)}\n`);
}

process.stdout.write(
  `${JSON.stringify({
    events: inserted,
    split,
    jsonParse,
    hash,
    parseLine: parseLineOnly,
    parse,
    transfer,
    store: storeTime,
    close,
    apply,
    drain,
  })}\n`,
);
