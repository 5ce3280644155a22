/**
 * Diagnostic for the latency and rendering benchmarks: what one `drainChanges()` costs
 * when a single process of a group changed, as the group grows. The live hub drains every
 * 100 ms, so this is paid per flush. Prints [{"groupSize", "drainMs"}].
 */
import { ProcessTreeBuilder, parseLine } from '@exectree/domain';
import { execLine, exitLine, podInit, podProcess, podRef, rfc3339 } from '../lib/tetragon-lines.ts';

const sizes = (process.argv[2] ?? '1000,10000,50000').split(',').map(Number);
const pod = podRef(0);
const init = podInit(pod);
const builder = new ProcessTreeBuilder();
const apply = (line: string) => {
  const parsed = parseLine(line);
  if (parsed.kind === 'event') builder.apply(parsed.event);
};
apply(execLine(init));

const out: { groupSize: number; drainMs: number }[] = [];
let made = 0;
for (const size of sizes) {
  for (; made < size; made++) {
    const p = podProcess(pod, made, init.execId);
    apply(execLine(p));
    apply(exitLine(p, rfc3339(Date.parse(p.startTime) + 5)));
  }
  builder.drainChanges();
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const p = podProcess(pod, made, init.execId);
    made += 1;
    apply(execLine(p));
    const start = performance.now();
    builder.drainChanges();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  out.push({ groupSize: made, drainMs: times[2] ?? 0 });
}
process.stdout.write(`${JSON.stringify(out)}\n`);
