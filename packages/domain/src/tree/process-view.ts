import type { PodInfo } from '../tetragon/parsed-event.ts';
import type { ProcessPod } from '../process.ts';
import { groupKey } from './group.ts';

export function toProcessPod(pod: PodInfo | undefined): ProcessPod | null {
  if (pod === undefined) return null;
  const c = pod.container;
  return {
    namespace: pod.namespace,
    name: pod.name,
    container: c
      ? {
          id: c.id,
          name: c.name,
          image: c.image.name,
          imageId: c.image.id,
          pid: c.pid ?? null,
          startTime: c.startTime ?? null,
          maybeExecProbe: c.maybeExecProbe,
        }
      : null,
    workload: pod.workload ?? null,
    workloadKind: pod.workloadKind ?? null,
    labels: pod.labels,
  };
}

/** The group a process is listed under: its pod, else its container, else its node. */
export function groupFor(
  pod: PodInfo | undefined,
  docker: string | undefined,
  node: string,
): string {
  if (pod) return groupKey({ kind: 'pod', namespace: pod.namespace, name: pod.name });
  if (docker) return groupKey({ kind: 'container', namespace: '', name: docker });
  return groupKey({ kind: 'host', namespace: '', name: node || 'unknown-node' });
}

export function flagTokens(flags: string | undefined): string[] {
  return flags ? flags.split(' ').filter((token) => token !== '') : [];
}
