import { formatBytes, formatNumber } from '../lib/format.ts';

export interface MemoryEvidence {
  target: number;
  retained: number;
  baseRss: number;
  rssSlope: number;
  heapSlope: number;
  heapBase: number;
  heapLimit: number;
  dbBytesPerEvent: number;
  budget: number;
  /** From bench/workers/memory-shapes.ts: the tree builder's heap per process. */
  builder?: { asFed: number; sharedPod: number; podJsonBytes: number; lifecycles: number };
}

function extrapolation(e: MemoryEvidence): string[] {
  const rssAtTarget = e.baseRss + e.rssSlope * e.target;
  const heapAtTarget = e.heapBase + e.heapSlope * e.target;
  const ceiling = e.heapSlope > 0 ? (e.heapLimit - e.heapBase) / e.heapSlope : Infinity;
  return [
    `- Extrapolated to ${formatNumber(e.target, 0)} retained processes (linear, from the slopes above): ` +
      `RSS ≈ ${formatBytes(rssAtTarget)} and V8 heap ≈ ${formatBytes(heapAtTarget)}; the budget allows ` +
      `${formatBytes(e.baseRss + e.budget * e.target)}.`,
    heapAtTarget > e.heapLimit
      ? `- With node's default heap limit on this machine (${formatBytes(e.heapLimit)}) the server would stop with ` +
        `"JavaScript heap out of memory" at about ${formatNumber(ceiling, 0)} processes, before reaching ` +
        `${formatNumber(e.target, 0)}, unless started with a larger \`--max-old-space-size\`.`
      : heapAtTarget > 0.8 * e.heapLimit
        ? `- That is ${formatNumber((100 * heapAtTarget) / e.heapLimit, 0)} % of node's default heap limit on this machine ` +
          `(${formatBytes(e.heapLimit)}): full collections of a heap that size take seconds, and a little more data ` +
          'ends in "JavaScript heap out of memory" unless the server gets a larger `--max-old-space-size`.'
        : `- That fits node's default heap limit on this machine (${formatBytes(e.heapLimit)}).`,
  ];
}

function builderLines(b: NonNullable<MemoryEvidence['builder']>): string[] {
  return [
    `- The tree builder alone (\`bench/workers/memory-shapes.ts\`: \`parseLine\` + \`ProcessTreeBuilder.apply\` for ` +
      `${formatNumber(b.lifecycles, 0)} lifecycles in one process, V8 heap after GC) holds ` +
      `${formatNumber(b.asFed, 0)} B per process. With the same lines but one container pid per pod, so that ` +
      `all processes of a pod have an identical pod object, it holds ${formatNumber(b.sharedPod, 0)} B: the ` +
      `per-process pod costs ${formatNumber(b.asFed - b.sharedPod, 0)} B (its JSON is ${b.podJsonBytes} characters).`,
  ];
}

export function memoryFindings(e: MemoryEvidence): string[] {
  return [
    '**What lives in memory** (per process, `packages/domain/src/tree/process-tree-builder.ts`): the',
    '`ProcessEntry` with its `MergedProcess` (`values` and `ranks` objects of up to 13 fields each, `podKey`),',
    'the strings taken from the parsed exec (exec id, parent exec id, binary, arguments, cwd, flags,',
    'start time, node, docker id; identical values are not shared), the exit (`ExitInfo` and its time),',
    'entries in `entries`, `members`, `childrenByParent` and `byPidStart` (a `node:pid:timeKey` string',
    'and a `Set` per process), and the pod. Pods are interned by `JSON.stringify(pod)` (`podIntern`),',
    "but Tetragon's pod object carries the process's own `container.pid`, so nearly every process gets",
    'its own `PodInfo` (with container, image and labels objects) plus two copies of its JSON: the',
    '`podIntern` key and `MergedProcess.podKey`.',
    '',
    '**What lives only in SQLite**: every raw event line (the full exec and exit JSON), its content hash,',
    'type, node, time key and exec id; `/api/v1/processes/{id}` reads the events of a process from there.',
    `The store took ${formatNumber(e.dbBytesPerEvent, 0)} B per event on disk (database + WAL).`,
    '',
    ...extrapolation(e),
    ...(e.builder ? builderLines(e.builder) : []),
    '- RSS grows faster than the V8 heap: young-generation space, heap fragmentation and malloc arenas',
    '  come on top of the live objects.',
    '',
    ...(e.rssSlope > e.budget
      ? [
          '**Recommended fixes** (domain code; not changed by this bench), in order of gain:',
          '',
          '1. `packages/domain/src/tree/process-tree-builder.ts`, `withInternedPod`, and',
          '   `merged-process.ts`, `podKeyOf`: intern the pod without `container.pid` (key it by',
          '   namespace, name and container id) and keep the per-process container pid on the entry;',
          '   store the key on the interned `PodInfo` instead of a fresh `JSON.stringify` per process in',
          '   `MergedProcess.podKey`. Expected: the per-process pod measured above plus the `podKey` copy',
          '   (about 1.5–2 KB per process here).',
          '2. `merged-process.ts`, `MergedProcess`: pack `ranks` into one small integer (2 bits per',
          '   field) and `values` into a class with fixed fields instead of an object grown field by field.',
          '   Expected: ~200–300 B per process.',
          '3. `process-tree-builder.ts`, `byPidStart`: store a single exec id as the map value and only',
          '   switch to a `Set` on a collision; build the key from numbers (pid and start nanoseconds)',
          '   rather than a 70-character string. Expected: ~150–250 B per process.',
          '4. Intern the repeated strings when merging (node, cwd, flags, binary, parent exec id) through',
          '   a `Map<string, string>`. Expected: ~100–200 B per process on real workloads.',
          '5. For the 600 B budget at 1,000,000 processes the exited processes have to leave the heap:',
          '   keep running processes and the recent past in memory and answer older trees from SQLite',
          '   (the retention work in `packages/domain/src/tree/retention.ts` is the start of this).',
        ]
      : []),
  ];
}
