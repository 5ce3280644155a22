import type { ExitInfo, PodInfo } from '../tetragon/parsed-event.ts';
import type { Process, ProcessPod, ProcessSource, ProcessState } from '../process.ts';
import { explainFindings } from '../findings/explain.ts';
import { RANK_EVENT, RANK_EXEC, hasFlag } from './merged-process.ts';
import type { ProcessEntry } from './process-entry.ts';
import { groupKey } from './group.ts';

/** `pod` may be a shared pod (pod-intern.ts): the process's own container pid is passed apart. */
export function toProcessPod(
  pod: PodInfo | undefined,
  containerPid: number | undefined,
): ProcessPod | null {
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
          pid: containerPid ?? null,
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

/** What the builder knows about an entry beyond its own merged snapshot. */
export interface ViewFacts {
  exit: ExitInfo | undefined;
  replacedBy: string | null;
  /** The parent's binary, when the parent is known and is not the process itself. */
  parentBinary: string | undefined;
  /** Its own pod, or the pod its container id belongs to (shared, see pod-intern.ts). */
  pod: PodInfo | undefined;
  /** The container pid that goes with `pod`. */
  containerPid: number | undefined;
  /** Non-lifecycle events attached. */
  eventCount: number;
  downloads: ReadonlyMap<string, string>;
}

function sourceOf(entry: ProcessEntry): ProcessSource {
  if (entry.pendingExitKey !== undefined) return 'exit';
  const rank = entry.bestRank;
  return rank === RANK_EXEC ? 'exec' : rank === RANK_EVENT ? 'event' : 'embedded';
}

/** The API's Process for one entry. */
export function buildProcessView(entry: ProcessEntry, facts: ViewFacts): Process {
  const v = entry;
  const execId = entry.execId;
  const { exit, parentBinary, pod } = facts;
  const replacedBy = exit ? null : facts.replacedBy;
  const state: ProcessState = exit ? 'exited' : replacedBy ? 'replaced' : 'running';
  // A process known only from its exit (fork without exec) may lack a binary: show the parent's.
  const binary = v.binary ?? parentBinary ?? '';
  const parentExecId = v.parentExecId ?? null;
  return {
    execId,
    parentExecId,
    pid: v.pid ?? null,
    node: v.node ?? '',
    binary,
    arguments: v.arguments ?? '',
    cwd: v.cwd ?? '',
    uid: v.uid ?? null,
    auid: v.auid ?? null,
    startTime: v.startTime ?? null,
    state,
    exitTime: exit ? (exit.time ?? null) : null,
    status: exit ? exit.status : null,
    signal: exit ? exit.signal : null,
    flags: flagTokens(v.flags),
    pod: toProcessPod(pod, facts.containerPid),
    inInitTree: v.inInitTree ?? null,
    docker: v.docker ?? null,
    group: entry.group,
    source: sourceOf(entry),
    preExisting: hasFlag(v.flags, 'procFS'),
    replacedBy,
    eventCount: facts.eventCount,
    findings: explainFindings(
      {
        execId,
        binary,
        arguments: v.arguments ?? '',
        inInitTree: v.inInitTree ?? null,
        inPod: pod !== undefined,
        maybeExecProbe: pod?.container?.maybeExecProbe === true,
      },
      {
        parent:
          parentExecId !== null && parentBinary !== undefined
            ? { execId: parentExecId, binary: parentBinary }
            : undefined,
        downloads: facts.downloads,
      },
    ),
  };
}
