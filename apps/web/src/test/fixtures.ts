import type { GroupSummary, Process } from '@exectree/domain';
import type { ProcessNode } from '../view/hierarchy.ts';
import { groupSiblings, type DisplayNode, type GroupingOptions } from '../view/grouping.ts';
import { buildLanes } from '../view/lanes.ts';

/** A process with sensible defaults; tests override what they care about. */
export function makeProcess(overrides: Partial<Process> & { execId: string }): Process {
  return {
    parentExecId: null,
    pid: 100,
    node: 'node-1',
    binary: '/bin/sh',
    arguments: '',
    cwd: '/',
    uid: 0,
    auid: null,
    startTime: '2024-01-01T00:00:00Z',
    state: 'running',
    exitTime: null,
    status: null,
    signal: null,
    flags: [],
    pod: null,
    inInitTree: null,
    docker: null,
    group: 'pod/default/xwing',
    source: 'exec',
    preExisting: false,
    replacedBy: null,
    eventCount: 0,
    findings: [],
    ...overrides,
  };
}

export function makeGroup(overrides: Partial<GroupSummary> & { key: string }): GroupSummary {
  return {
    kind: 'pod',
    namespace: 'default',
    name: overrides.key.split('/').pop() ?? overrides.key,
    node: 'node-1',
    workload: null,
    workloadKind: null,
    processes: 1,
    running: 1,
    exited: 0,
    flagged: 0,
    restarts: 0,
    firstSeen: null,
    lastSeen: null,
    ...overrides,
  };
}

/** Seconds after a fixed instant, as RFC 3339. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2024, 0, 1) + seconds * 1000).toISOString();
}

/** A forest as display nodes with grouping switched off, for layout tests. */
export function ungrouped(roots: readonly ProcessNode[]): DisplayNode[] {
  return groupSiblings(buildLanes(roots), { expanded: new Set(), reveal: null, minSize: Infinity })
    .roots;
}

/** A forest as the graph shows it: lanes, then repeated siblings grouped. */
export function displayed(
  roots: readonly ProcessNode[],
  options: Partial<GroupingOptions> = {},
): ReturnType<typeof groupSiblings> {
  return groupSiblings(buildLanes(roots), { expanded: new Set(), reveal: null, ...options });
}
