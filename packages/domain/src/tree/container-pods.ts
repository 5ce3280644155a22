import type { PodInfo } from '../tetragon/parsed-event.ts';
import { addTo, removeFrom } from '../util/multimap.ts';
import { PodIntern, type InternedPod, type SnapshotPod } from './pod-intern.ts';

/** What `ContainerPods.track` needs to know about a process. */
export interface PodHolder {
  execId: string;
  docker: string | undefined;
  pod: PodInfo | undefined;
  containerPid: number | undefined;
}

/**
 * Pods of the tree: one shared PodInfo per pod and container (pod-intern.ts), the pod each
 * container id belongs to (learnt from any snapshot that named both), and the processes
 * that have a container id but no pod of their own, which borrow it.
 */
export class ContainerPods {
  private readonly shared = new PodIntern();
  /** The largest original pod (by JSON) seen with each container id, whatever the order. */
  private readonly byDocker = new Map<string, InternedPod & { key: string }>();
  private readonly podless = new Map<string, Set<string>>();

  intern(pod: PodInfo): SnapshotPod {
    return this.shared.intern(pod);
  }

  /** Records that `docker` runs in `pod`; returns the podless processes whose pod changed. */
  learn(docker: string, pod: SnapshotPod): Iterable<string> {
    const known = this.byDocker.get(docker);
    if (known && known.key >= pod.fullKey) return [];
    this.byDocker.set(docker, { pod: pod.pod, containerPid: pod.containerPid, key: pod.fullKey });
    return this.podless.get(docker) ?? [];
  }

  /** Keeps the podless index right after a process's container id or pod changed. */
  track(process: PodHolder, before: { docker: string | undefined; hadPod: boolean }): void {
    const { docker, execId } = process;
    if (docker === before.docker && (process.pod !== undefined) === before.hadPod) return;
    if (before.docker !== undefined) removeFrom(this.podless, before.docker, execId);
    if (docker !== undefined && process.pod === undefined) addTo(this.podless, docker, execId);
  }

  untrack(process: PodHolder): void {
    if (process.docker !== undefined) removeFrom(this.podless, process.docker, process.execId);
  }

  /** Its own pod, else the pod its container id belongs to. */
  of(process: PodHolder): InternedPod | undefined {
    if (process.pod) return { pod: process.pod, containerPid: process.containerPid };
    return process.docker !== undefined ? this.byDocker.get(process.docker) : undefined;
  }

  /** The shared pod of `of`, without making an object per call (grouping runs per event). */
  podOf(process: PodHolder): PodInfo | undefined {
    if (process.pod) return process.pod;
    return process.docker !== undefined ? this.byDocker.get(process.docker)?.pod : undefined;
  }
}
