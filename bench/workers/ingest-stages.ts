/**
 * Diagnostic for the ingest benchmark: the stages of the ingest pipeline timed one at a
 * time on the same file, with the server's own parser, store and tree builder, in batches
 * like the import's. Prints {"events", "splitMs", "parseMs", "storeMs", "applyMs", "drainMs"}.
 */
import { readFileSync } from 'node:fs';
import { ProcessTreeBuilder, parseLine, type ParsedEvent } from '@exectree/domain';
import { SqliteEventStore } from '../../apps/server/src/index.ts';

const [file, db] = process.argv.slice(2);
if (file === undefined || db === undefined) throw new Error('usage: ingest-stages FILE DB');
const BATCH = 5_000;

let t = performance.now();
const lines = readFileSync(file, 'utf8').split('\n');
const splitMs = performance.now() - t;

t = performance.now();
const events: ParsedEvent[] = [];
for (const line of lines) {
  const result = parseLine(line);
  if (result.kind === 'event') events.push(result.event);
}
const parseMs = performance.now() - t;

const store = new SqliteEventStore(db);
t = performance.now();
const inserted: ParsedEvent[] = [];
for (let i = 0; i < events.length; i += BATCH)
  inserted.push(...store.append(events.slice(i, i + BATCH)));
const storeMs = performance.now() - t;
store.close();

const builder = new ProcessTreeBuilder();
t = performance.now();
for (const event of inserted) builder.apply(event);
const applyMs = performance.now() - t;

t = performance.now();
builder.drainChanges();
const drainMs = performance.now() - t;

process.stdout.write(
  `${JSON.stringify({ events: events.length, splitMs, parseMs, storeMs, applyMs, drainMs })}\n`,
);
