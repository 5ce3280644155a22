/**
 * Baseline (a) of the ingest benchmark: the practical ceiling for a JavaScript consumer.
 * Streams the file, splits it into lines and JSON.parses each one; nothing else.
 * Prints {"lines": N, "ms": T} on stdout.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: bare-parse FILE');

const start = performance.now();
const decoder = new StringDecoder('utf8');
let pending = '';
let lines = 0;
let keys = 0;

const parse = (line: string) => {
  if (line === '') return;
  const value = JSON.parse(line) as Record<string, unknown>;
  // Touch the result so the parse cannot be optimised away.
  keys += Object.keys(value).length;
  lines += 1;
};

for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
  const text = pending + decoder.write(chunk as Buffer);
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    parse(text.slice(start, nl));
    start = nl + 1;
  }
  pending = text.slice(start);
}
parse(pending + decoder.end());
process.stdout.write(`${JSON.stringify({ lines, keys, ms: performance.now() - start })}\n`);
