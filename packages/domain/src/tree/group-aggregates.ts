import type { Process, ProcessState } from '../process.ts';
import type { PodInfo } from '../tetragon/parsed-event.ts';
import { compareTimeText } from '../util/time.ts';
import { ContainerInstances } from './container-instances.ts';
import { parseGroupKey } from './group.ts';
import type { GroupSummary } from './summary.ts';

/** What one process adds to its group's summary. */
export interface Contribution {
  group: string;
  state: ProcessState;
  flagged: boolean;
  start: string | null;
  last: string | null;
  node: string;
  /** The shared pod (pod-intern.ts): workload and container; one object per pod and container. */
  pod: PodInfo | undefined;
}

/** `pod` is the process's shared pod, the one its view's `pod` was made from. */
export function contributionOf(p: Process, pod: PodInfo | undefined): Contribution {
  const last = [p.startTime, p.exitTime].reduce<string | null>(
    (best, t) => (t && (best === null || compareTimeText(t, best) > 0) ? t : best),
    null,
  );
  return {
    group: p.group,
    state: p.state,
    flagged: p.findings.length > 0,
    start: p.startTime,
    last,
    node: p.node,
    pod,
  };
}

function workloadOf(c: Contribution): string | null {
  return c.pod?.workload ?? null;
}

interface Aggregate {
  processes: number;
  running: number;
  exited: number;
  flagged: number;
  firstSeen: string | null;
  lastSeen: string | null;
  node: string;
  workload: string | null;
  workloadKind: string | null;
  containers: ContainerInstances;
  /** An extreme (first/last seen, node, workload) may have left with a removed member. */
  stale: boolean;
}

function empty(): Aggregate {
  return {
    processes: 0,
    running: 0,
    exited: 0,
    flagged: 0,
    firstSeen: null,
    lastSeen: null,
    node: '',
    workload: null,
    workloadKind: null,
    containers: new ContainerInstances(),
    stale: false,
  };
}

function sameSlot(before: Contribution, after: Contribution): boolean {
  return before.group === after.group && before.node === after.node && before.pod === after.pod;
}

/**
 * Replacing `before` by `after` cannot shrink the group's time span: the first start does
 * not get later and the last time does not get earlier, so widening by `after` is exact.
 */
function movesOutward(before: Contribution, after: Contribution): boolean {
  const startOk =
    before.start === after.start ||
    (after.start !== null &&
      (before.start === null || compareTimeText(after.start, before.start) <= 0));
  const lastOk =
    before.last === after.last ||
    (after.last !== null &&
      (before.last === null || compareTimeText(after.last, before.last) >= 0));
  return startOk && lastOk;
}

function widen(a: Aggregate, c: Contribution): void {
  if (c.start && (a.firstSeen === null || compareTimeText(c.start, a.firstSeen) < 0)) {
    a.firstSeen = c.start;
  }
  if (c.last && (a.lastSeen === null || compareTimeText(c.last, a.lastSeen) > 0))
    a.lastSeen = c.last;
  if (c.node && (a.node === '' || c.node < a.node)) a.node = c.node;
  const workload = workloadOf(c);
  if (workload !== null && (a.workload === null || workload > a.workload)) {
    a.workload = workload;
    a.workloadKind = c.pod?.workloadKind ?? null;
  }
}

/**
 * Group summaries kept up to date one contribution at a time, so a busy pod's summary costs
 * O(1) per changed process instead of a pass over every member. Counts are exact; the
 * extremes (first/last seen, node, workload) are recomputed from the members' contributions
 * only after a member that might have held one leaves.
 */
export class GroupAggregates {
  private readonly byGroup = new Map<string, Aggregate>();

  constructor(private readonly membersOf: (group: string) => Iterable<Contribution>) {}

  add(c: Contribution | undefined): void {
    if (!c) return;
    let a = this.byGroup.get(c.group);
    if (!a) {
      a = empty();
      this.byGroup.set(c.group, a);
    }
    a.processes += 1;
    if (c.state === 'running') a.running += 1;
    else if (c.state === 'exited') a.exited += 1;
    if (c.flagged) a.flagged += 1;
    a.containers.add(c.pod?.container);
    widen(a, c);
  }

  remove(c: Contribution | undefined): void {
    if (!c) return;
    const a = this.byGroup.get(c.group);
    if (!a) return;
    a.processes -= 1;
    if (c.state === 'running') a.running -= 1;
    else if (c.state === 'exited') a.exited -= 1;
    if (c.flagged) a.flagged -= 1;
    a.containers.remove(c.pod?.container);
    if (a.processes === 0) {
      this.byGroup.delete(c.group);
      return;
    }
    if (
      c.start === a.firstSeen ||
      c.last === a.lastSeen ||
      c.node === a.node ||
      workloadOf(c) === a.workload
    ) {
      a.stale = true;
    }
  }

  /**
   * Replaces one member's contribution. When its node and pod stay and its times only move
   * outwards (the usual cases: a state change, an exit setting a later last-seen), the
   * extremes are widened in place and nothing is recomputed.
   */
  update(before: Contribution | undefined, after: Contribution | undefined): void {
    const a =
      before && after && sameSlot(before, after) ? this.byGroup.get(before.group) : undefined;
    if (!a || !before || !after || !movesOutward(before, after)) {
      this.remove(before);
      this.add(after);
      return;
    }
    if (before.state === 'running') a.running -= 1;
    else if (before.state === 'exited') a.exited -= 1;
    if (before.flagged) a.flagged -= 1;
    if (after.state === 'running') a.running += 1;
    else if (after.state === 'exited') a.exited += 1;
    if (after.flagged) a.flagged += 1;
    widen(a, after);
  }

  keys(): string[] {
    return [...this.byGroup.keys()];
  }

  summary(key: string): GroupSummary | undefined {
    const a = this.byGroup.get(key);
    if (!a) return undefined;
    if (a.stale) this.recompute(key, a);
    const ref = parseGroupKey(key) ?? { kind: 'host' as const, namespace: '', name: key };
    return {
      key,
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name,
      node: ref.kind === 'host' ? ref.name : a.node,
      workload: a.workload,
      workloadKind: a.workloadKind,
      processes: a.processes,
      running: a.running,
      exited: a.exited,
      flagged: a.flagged,
      restarts: a.containers.restarts,
      firstSeen: a.firstSeen,
      lastSeen: a.lastSeen,
    };
  }

  private recompute(key: string, a: Aggregate): void {
    const fresh = empty();
    for (const c of this.membersOf(key)) widen(fresh, c);
    a.firstSeen = fresh.firstSeen;
    a.lastSeen = fresh.lastSeen;
    a.node = fresh.node;
    a.workload = fresh.workload;
    a.workloadKind = fresh.workloadKind;
    a.stale = false;
  }
}
