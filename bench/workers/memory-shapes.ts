/**
 * Diagnostic for the memory benchmark, in one process with --expose-gc: V8 heap per
 * process held by the server's tree builder alone (no HTTP, no SQLite), for the lines the
 * benchmark feeds and for the same lines with one container pid per pod, which shows what
 * the per-process copy of the pod costs. Prints {"asFed", "sharedPod", "podJsonBytes"}.
 */
import { ProcessTreeBuilder, parseLine } from '@exectree/domain';
import { execLine, exitLine, podInit, podProcess, podRef, rfc3339 } from '../lib/tetragon-lines.ts';

const lifecycles = Number(process.argv[2] ?? 20_000);
const PER_POD = 1_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

function heapPerProcess(sharedPod: boolean): number {
  const builder = new ProcessTreeBuilder();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < lifecycles; i++) {
    const pod = podRef(Math.floor(i / PER_POD));
    const init = podInit(pod);
    const p = podProcess(pod, i, init.execId);
    if (sharedPod) p.containerPid = 1;
    const lines = [execLine(p), exitLine(p, rfc3339(Date.parse(p.startTime) + 5))];
    if (i % PER_POD === 0) lines.unshift(execLine(init));
    for (const line of lines) {
      const parsed = parseLine(line);
      if (parsed.kind === 'event') builder.apply(parsed.event);
    }
    if (i % 2_000 === 0) builder.drainChanges();
  }
  builder.drainChanges();
  gc?.();
  const perProcess = (process.memoryUsage().heapUsed - before) / lifecycles;
  // Keep the builder alive until after the measurement.
  if (builder.groups().length === 0) throw new Error('nothing was built');
  return perProcess;
}

const sample = podProcess(podRef(0), 0, 'x');
const podJson = /"pod":(\{.*\}),"docker"/.exec(execLine(sample))?.[1] ?? '';
const asFed = heapPerProcess(false);
const sharedPod = heapPerProcess(true);
process.stdout.write(`${JSON.stringify({ asFed, sharedPod, podJsonBytes: podJson.length })}\n`);
