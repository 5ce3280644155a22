import { formatBytes, formatNumber } from '../lib/format.ts';

/** One kind of heap object and what it costs per process (bench/workers/memory-shapes.ts). */
export interface HeapPart {
  what: string;
  bytes: number;
}

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
  builder?: {
    asFed: number;
    sharedPod: number;
    podJsonBytes: number;
    lifecycles: number;
    breakdown?: HeapPart[];
  };
}

const B = (bytes: number) => `${formatNumber(bytes, 0)} B`;

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

const PART_MEANING: Record<string, string> = {
  ProcessEntry:
    'the `ProcessEntry` objects, one flat record per process (8 B per field on a 64-bit node ' +
    'without pointer compression, plus a 24 B header)',
  strings:
    'strings unique to a process: its exec id (68 characters here) and its arguments; times in ' +
    "Tetragon's nanosecond shape are not strings but two small integers",
  'hash tables':
    'the hash tables of the `Map`s and `Set`s that index processes (`entries`, group `members`, ' +
    '`childrenByParent`); they grow by doubling, so this share swings between about 60 and 120 B',
  other: 'compiled code and V8 metadata created while the builder ran (not per process)',
};

function builderLines(b: NonNullable<MemoryEvidence['builder']>): string[] {
  const parts = (b.breakdown ?? []).filter((p) => p.bytes >= 1);
  return [
    `- The tree builder alone (\`bench/workers/memory-shapes.ts\`: \`parseLine\` + \`ProcessTreeBuilder.apply\` for ` +
      `${formatNumber(b.lifecycles, 0)} lifecycles in one process after a warm-up, V8 heap after GC) holds ` +
      `${B(b.asFed)} per process. With one container pid per pod instead of one per process it holds ` +
      `${B(b.sharedPod)}: the per-process container pid no longer costs a copy of the pod (its JSON is ` +
      `${b.podJsonBytes} characters), since pods are shared and the pid is kept beside each process.`,
    ...(parts.length > 0
      ? [
          '- What that heap is made of (heap snapshots before and after 10,000 lifecycles, self size per process):',
          ...parts.map((p) => `  - ${B(p.bytes)}: ${PART_MEANING[p.what] ?? p.what}.`),
        ]
      : []),
  ];
}

export function memoryFindings(e: MemoryEvidence): string[] {
  const overBudget = e.rssSlope > e.budget;
  return [
    '**What lives in memory** (per process, `packages/domain/src/tree/process-tree-builder.ts`): one',
    '`ProcessEntry` holding the merged snapshot fields (the rank of each field packed into one integer),',
    'the exit and the group contribution as plain fields, and times packed as two small integers;',
    'its exec id and arguments strings; and an entry in `entries`, in its group in `members` and under',
    'its parent in `childrenByParent`. Shared, not per process: the pod (one `PodInfo` per pod and container,',
    'interned without `container.pid`, which stays on each process), node, cwd, flags, binary, docker id and',
    "group strings (interned), and the parent's exec id (the parent's own copy). Only where needed: the",
    'node:pid:start index (from the first exit without exec_id on), probe event ids (processes with probe',
    'events, at most 256 ids each) and download paths (curl/wget processes).',
    '',
    '**What lives only in SQLite**: every raw event line (the full exec and exit JSON), its content hash,',
    'type, node, time key and exec id; `/api/v1/processes/{id}` reads the events of a process from there.',
    `The store took ${formatNumber(e.dbBytesPerEvent, 0)} B per event on disk (database + WAL).`,
    '',
    ...extrapolation(e),
    ...(e.builder ? builderLines(e.builder) : []),
    `- The server's V8 heap grows by ${B(e.heapSlope)} per process${
      e.builder ? `, ${B(e.heapSlope - e.builder.asFed)} more than the builder alone` : ''
    }: the server's own bookkeeping comes on top. Most of it should be the per-pod process limit`,
    '  (`apps/server/src/security/pod-process-limit.ts`): it follows every group from the drained changes and',
    '  keeps, per process, a map entry, a `{parent, ended, exitKey}` object and the exit time key string',
    '  (roughly 120–160 B by the size of those structures).',
    `- RSS grows by ${B(e.rssSlope)} per process, faster than the V8 heap: young-generation space, heap`,
    '  fragmentation (old-space pages stay committed after a full GC) and malloc arenas come on top of the',
    '  live objects, and the slope is noisy on a shared machine (compare min and max above).',
    '',
    ...(overBudget
      ? [
          '**Why the budget is not met, and what would meet it**: what is left per process is the data itself',
          '(exec id, arguments, times, ids, pid, uid, state, parent and group links) and the indexes every',
          'read needs. Shaving the last fields of `ProcessEntry` would gain tens of bytes, not the difference',
          'between the RSS slope and the budget. Meeting it at 1,000,000 retained processes takes moving exited',
          'processes out of the heap: keep running processes and the recent past in memory and answer older',
          'trees, groups and searches from SQLite, where every event already is (the retention work in',
          '`packages/domain/src/tree/retention.ts` and `ProcessTreeBuilder.forget` are the start of this).',
        ]
      : []),
  ];
}
