/**
 * Diagnostic for the memory benchmark, in one process with --expose-gc: V8 heap per
 * process held by the server's tree builder alone (no HTTP, no SQLite), for the lines the
 * benchmark feeds and for the same lines with one container pid per pod (which shows
 * whether the per-process container pid still costs a pod copy), plus what the heap per
 * process is made of, from two heap snapshots. Prints
 * {"asFed", "sharedPod", "podJsonBytes", "breakdown": [{"what", "bytes"}]}.
 */
import { getHeapSnapshot } from 'node:v8';
import { ProcessTreeBuilder, parseLine } from '@exectree/domain';
import { execLine, exitLine, podInit, podProcess, podRef, rfc3339 } from '../lib/tetragon-lines.ts';

const lifecycles = Number(process.argv[2] ?? 20_000);
const PER_POD = 1_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

function feed(builder: ProcessTreeBuilder, count: number, sharedPod: boolean): void {
  for (let i = 0; i < count; i++) {
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
}

function heapPerProcess(sharedPod: boolean): number {
  const builder = new ProcessTreeBuilder();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  feed(builder, lifecycles, sharedPod);
  gc?.();
  const perProcess = (process.memoryUsage().heapUsed - before) / lifecycles;
  // Keep the builder alive until after the measurement.
  if (builder.groups().length === 0) throw new Error('nothing was built');
  return perProcess;
}

/** Self size per kind of heap object, as "what" → bytes. */
async function heapByKind(): Promise<Map<string, number>> {
  gc?.();
  let text = '';
  for await (const chunk of getHeapSnapshot()) text += String(chunk);
  const snapshot = JSON.parse(text) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const totals = new Map<string, number>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[0][snapshot.nodes[i + (typeAt ?? 0)] ?? 0] ?? '';
    const name = snapshot.strings[snapshot.nodes[i + (nameAt ?? 0)] ?? 0] ?? '';
    const what = kindOf(type, name);
    totals.set(what, (totals.get(what) ?? 0) + (snapshot.nodes[i + (sizeAt ?? 0)] ?? 0));
  }
  return totals;
}

function kindOf(type: string, name: string): string {
  if (type.includes('string')) return 'strings';
  if (type === 'object' && name === 'ProcessEntry') return 'ProcessEntry';
  if (type === 'array' && name === '') return 'hash tables';
  if (type === 'object') return 'other objects';
  if (type === 'number') return 'heap numbers';
  return 'other';
}

/** Heap per process by kind: snapshots before and after feeding one builder. */
async function breakdown(): Promise<{ what: string; bytes: number }[]> {
  const count = Math.min(lifecycles, 10_000);
  const before = await heapByKind();
  const builder = new ProcessTreeBuilder();
  feed(builder, count, false);
  const after = await heapByKind();
  if (builder.groups().length === 0) throw new Error('nothing was built');
  return [...after]
    .map(([what, bytes]) => ({ what, bytes: (bytes - (before.get(what) ?? 0)) / count }))
    .sort((a, b) => b.bytes - a.bytes);
}

const sample = podProcess(podRef(0), 0, 'x');
const podJson = /"pod":(\{.*\}),"docker"/.exec(execLine(sample))?.[1] ?? '';
// Warm-up: code compiled on the first run would otherwise be counted against it.
feed(new ProcessTreeBuilder(), 2_000, false);
const asFed = heapPerProcess(false);
const sharedPod = heapPerProcess(true);
const parts = await breakdown();
process.stdout.write(
  `${JSON.stringify({ asFed, sharedPod, podJsonBytes: podJson.length, breakdown: parts })}\n`,
);
