import { describe, expect, it } from 'vitest';
import type { GroupSummary, Process, TreeChanges } from '@exectree/domain';
import { createPodProcessLimit } from './pod-process-limit.ts';

/** A stand-in tree: the processes of one group, and what was forgotten. */
function fakeTree(processes: Process[]) {
  const forgotten: string[] = [];
  return {
    forgotten,
    processes: (group: string) =>
      processes.filter((p) => p.group === group && !forgotten.includes(p.execId)),
    forget(ids: Iterable<string>) {
      forgotten.push(...ids);
    },
  };
}

const proc = (execId: string, parent: string | null, exit: string | null): Process =>
  ({
    execId,
    parentExecId: parent,
    group: 'pod/ns/p',
    state: exit === null ? 'running' : 'exited',
    exitTime: exit,
  }) as Process;

const summary = (processes: number): GroupSummary =>
  ({ key: 'pod/ns/p', processes }) as GroupSummary;

describe('the per-pod process limit', () => {
  it('evicts ended leaves, longest ended first, then parents left without children', () => {
    // init (running) → a (ended 1) → b (ended 2) → c (ended 3); d, e ended later; f running.
    const processes = [
      proc('init', null, null),
      proc('a', 'init', '2026-01-01T00:00:01Z'),
      proc('b', 'a', '2026-01-01T00:00:02Z'),
      proc('c', 'b', '2026-01-01T00:00:03Z'),
      proc('d', 'init', '2026-01-01T00:00:04Z'),
      proc('e', 'init', '2026-01-01T00:00:05Z'),
      proc('f', 'init', null),
    ];
    const tree = fakeTree(processes);
    const counts: number[] = [];
    const limit = createPodProcessLimit({
      tree,
      max: 5,
      evicted: (n) => counts.push(n),
      log: () => undefined,
    });
    limit.trim([summary(7)]);
    // Down to 80% of 5 = 4: three go. c is the only ended leaf of its chain, then b.
    expect(tree.forgotten).toEqual(['c', 'd', 'e']);
    expect(counts).toEqual([3]);

    // The evictions leave memory, not the rows: the next drain's removes skip the rows.
    const drained: TreeChanges = {
      upserts: [],
      removes: [
        { execId: 'c', group: 'pod/ns/p' },
        { execId: 'x', group: 'pod/ns/p' },
      ],
      groups: [],
      markers: [],
    };
    expect(limit.forRows(drained).removes).toEqual([{ execId: 'x', group: 'pod/ns/p' }]);
    expect(limit.forRows(drained)).toBe(drained);
  });

  it('never evicts a running process, and does nothing when off', () => {
    const processes = [proc('r1', null, null), proc('r2', null, null), proc('r3', null, null)];
    const tree = fakeTree(processes);
    createPodProcessLimit({ tree, max: 2, evicted: () => undefined, log: () => undefined }).trim([
      summary(3),
    ]);
    expect(tree.forgotten).toEqual([]);
    createPodProcessLimit({ tree, max: 0, evicted: () => undefined, log: () => undefined }).trim([
      summary(3),
    ]);
    expect(tree.forgotten).toEqual([]);
  });
});
