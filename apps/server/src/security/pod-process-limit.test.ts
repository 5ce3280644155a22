import { describe, expect, it } from 'vitest';
import { ProcessTreeBuilder, encodeExecId, parseLine, type TreeChanges } from '@exectree/domain';
import { createPodProcessLimit } from './pod-process-limit.ts';

interface Spec {
  pid: number;
  parent?: number;
  /** Second of the exit; undefined while it runs. */
  exit?: number;
  pod?: string;
}

const idOf = (pid: number) => encodeExecId('node-a', pid * 1000, pid);

function processJson(spec: Spec) {
  return {
    exec_id: idOf(spec.pid),
    pid: spec.pid,
    binary: '/bin/sh',
    flags: 'execve clone',
    start_time: '2026-01-01T00:00:00Z',
    ...(spec.parent !== undefined && { parent_exec_id: idOf(spec.parent) }),
    pod: {
      namespace: 'ns',
      name: spec.pod ?? 'p',
      container: {
        id: `containerd://${spec.pod ?? 'p'}`,
        name: 'main',
        image: { id: 'i', name: 'busybox' },
      },
    },
  };
}

function lines(spec: Spec): string[] {
  const exec = JSON.stringify({
    process_exec: { process: processJson(spec) },
    node_name: 'node-a',
    time: '2026-01-01T00:00:00Z',
  });
  if (spec.exit === undefined) return [exec];
  const time = `2026-01-01T00:00:${String(spec.exit).padStart(2, '0')}Z`;
  const exit = JSON.stringify({
    process_exit: { process: processJson(spec), status: 0, time },
    node_name: 'node-a',
    time,
  });
  return [exec, exit];
}

/** A real tree of the given processes; `forgotten` lists what the limit evicted, in order. */
function treeOf(specs: Spec[]) {
  const builder = new ProcessTreeBuilder();
  for (const line of specs.flatMap(lines)) {
    const parsed = parseLine(line);
    if (parsed.kind !== 'event') throw new Error(`bad test line: ${line}`);
    builder.apply(parsed.event);
  }
  const forgotten: number[] = [];
  const pidOf = new Map(specs.map((s) => [idOf(s.pid), s.pid]));
  return {
    builder,
    forgotten,
    tree: {
      group: (key: string) => builder.group(key),
      endedLeaves: (group: string, count: number, gone?: ReadonlySet<string>) =>
        builder.endedLeaves(group, count, gone),
      forget(ids: Iterable<string>) {
        const list = [...ids];
        forgotten.push(...list.map((id) => pidOf.get(id) ?? -1));
        builder.forget(list);
      },
    },
  };
}

const noLog = () => undefined;

// 1 (running) → 2 (ended at 1) → 3 (ended at 2) → 4 (ended at 3); 5, 6 ended later; 7 runs.
const CHAIN: Spec[] = [
  { pid: 1 },
  { pid: 2, parent: 1, exit: 1 },
  { pid: 3, parent: 2, exit: 2 },
  { pid: 4, parent: 3, exit: 3 },
  { pid: 5, parent: 1, exit: 4 },
  { pid: 6, parent: 1, exit: 5 },
  { pid: 7, parent: 1 },
];

describe('the per-pod process limit', () => {
  it('evicts ended leaves, longest ended first, and keeps the removes out of the rows', () => {
    const { builder, tree, forgotten } = treeOf(CHAIN);
    const counts: number[] = [];
    const limit = createPodProcessLimit({
      tree,
      max: 5,
      evicted: (n) => counts.push(n),
      log: noLog,
    });
    limit.trim(builder.groups());
    // Down to 80% of 5 = 4: three go. 4 is the only ended leaf of its chain.
    expect(forgotten).toEqual([4, 5, 6]);
    expect(counts).toEqual([3]);
    expect(builder.processes('pod/ns/p').map((p) => p.pid)).toEqual([1, 2, 3, 7]);

    // The evictions leave memory, not the rows: the next drain's removes skip the rows.
    const drained: TreeChanges = {
      upserts: [],
      removes: [
        { execId: idOf(4), group: 'pod/ns/p' },
        { execId: 'x', group: 'pod/ns/p' },
      ],
      groups: [],
      markers: [],
    };
    expect(limit.forRows(drained).removes).toEqual([{ execId: 'x', group: 'pod/ns/p' }]);
    expect(limit.forRows(drained)).toBe(drained);
  });

  it('then evicts parents left without children, pass by pass, and logs the trim', () => {
    const { builder, tree, forgotten } = treeOf(CHAIN);
    const logs: string[] = [];
    const limit = createPodProcessLimit({
      tree,
      max: 2,
      evicted: () => undefined,
      log: (line) => logs.push(line),
    });
    limit.trim(builder.groups());
    // Down to 1: every ended process goes, the chain from its bottom; the running two stay.
    expect(forgotten).toEqual([4, 5, 6, 3, 2]);
    expect(builder.processes('pod/ns/p').map((p) => p.pid)).toEqual([1, 7]);
    expect(logs).toEqual([
      'limits: pod/ns/p held 7 processes (limit 2); evicted the 5 that ended longest ago from memory',
    ]);
  });

  it('trims, per drain, the group furthest over the limit among those drained', () => {
    const big = CHAIN.map((s) => ({ ...s, pod: 'big' }));
    const small: Spec[] = [
      { pid: 11, pod: 'small' },
      ...[12, 13, 14, 15].map((pid) => ({ pid, parent: 11, exit: pid, pod: 'small' })),
    ];
    const { builder, tree, forgotten } = treeOf([...big, ...small]);
    const limit = createPodProcessLimit({ tree, max: 4, evicted: () => undefined, log: noLog });
    limit.onDrain(builder.drainChanges());
    // big (7) goes down to 3: its four oldest ended leaves; small (5) waits for the next drain.
    expect(forgotten).toEqual([4, 5, 6, 3]);
    limit.onDrain(builder.drainChanges());
    expect(forgotten.slice(4)).toEqual([12, 13]);
    limit.onDrain(builder.drainChanges());
    expect(forgotten).toHaveLength(6);
  });

  it('never evicts a running process, and does nothing when off', () => {
    const running: Spec[] = [{ pid: 1 }, { pid: 2 }, { pid: 3 }];
    const { builder, tree, forgotten } = treeOf(running);
    createPodProcessLimit({ tree, max: 2, evicted: () => undefined, log: noLog }).trim(
      builder.groups(),
    );
    expect(forgotten).toEqual([]);
    const ended = treeOf(CHAIN);
    createPodProcessLimit({ tree: ended.tree, max: 0, evicted: () => undefined, log: noLog }).trim(
      ended.builder.groups(),
    );
    expect(ended.forgotten).toEqual([]);
  });
});
