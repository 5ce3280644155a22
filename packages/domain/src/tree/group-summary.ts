import type { Process } from '../process.ts';
import { parseGroupKey } from './group.ts';
import type { GroupSummary } from './summary.ts';
import { compareTimeText } from '../util/time.ts';
import { ContainerInstances } from './container-instances.ts';

function minBy(values: (string | null)[]): string | null {
  let best: string | null = null;
  for (const v of values) if (v && (best === null || compareTimeText(v, best) < 0)) best = v;
  return best;
}

function maxBy(values: (string | null)[]): string | null {
  let best: string | null = null;
  for (const v of values) if (v && (best === null || compareTimeText(v, best) > 0)) best = v;
  return best;
}

/** Counts and time range of a group; deterministic whatever the order of `members`. */
export function summarizeGroup(key: string, members: Process[]): GroupSummary {
  const ref = parseGroupKey(key) ?? { kind: 'host' as const, namespace: '', name: key };
  let running = 0;
  let exited = 0;
  let flagged = 0;
  let node = '';
  let workload: string | null = null;
  let workloadKind: string | null = null;
  const containers = new ContainerInstances();
  for (const p of members) {
    containers.add(p.pod?.container ?? undefined);
    if (p.state === 'running') running += 1;
    else if (p.state === 'exited') exited += 1;
    if (p.findings.length > 0) flagged += 1;
    if (p.node && (node === '' || p.node < node)) node = p.node;
    const w = p.pod?.workload ?? null;
    if (w !== null && (workload === null || w > workload)) {
      workload = w;
      workloadKind = p.pod?.workloadKind ?? null;
    }
  }
  if (ref.kind === 'host') node = ref.name;
  return {
    key,
    kind: ref.kind,
    namespace: ref.namespace,
    name: ref.name,
    node,
    workload,
    workloadKind,
    processes: members.length,
    running,
    exited,
    flagged,
    restarts: containers.restarts,
    firstSeen: minBy(members.map((p) => p.startTime)),
    lastSeen: maxBy(members.flatMap((p) => [p.startTime, p.exitTime])),
  };
}
