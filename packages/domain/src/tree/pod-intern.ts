import type { PodInfo } from '../tetragon/parsed-event.ts';

/**
 * Tetragon's pod object carries the process's own `container.pid`, so no two processes of a
 * pod have equal pods. The tree keeps one shared PodInfo per pod with that pid removed
 * (a "shared pod") and the pid beside it on each process; `fullPodKey` puts the two back
 * together wherever the original pod has to be compared.
 */

const keys = new WeakMap<PodInfo, string>();

/** The serialised pod; cached per object, since one snapshot's pod is keyed several times. */
export function podKeyOf(pod: PodInfo | undefined): string {
  if (pod === undefined) return '';
  let key = keys.get(pod);
  if (key === undefined) {
    key = JSON.stringify(pod);
    keys.set(pod, key);
  }
  return key;
}

/** The key of `podKeyOf(original)` from its shared pod and its container pid. */
export function fullPodKey(shared: PodInfo, containerPid: number | undefined): string {
  const container = shared.container;
  if (containerPid === undefined || container === undefined) return podKeyOf(shared);
  return JSON.stringify({ ...shared, container: { ...container, pid: containerPid } });
}

/** The key of the pod without its container pid; `full` is its JSON. */
function sharedKeyOf(pod: PodInfo, full: string): string {
  const pid = pod.container?.pid;
  if (pid === undefined) return full;
  // Keys before the container's pid are fixed names and every quote inside a value is
  // escaped, so the first `"pid":` after the container's opening brace is its pid.
  const from = full.indexOf('"container":{');
  const segment = `"pid":${pid}`;
  const at = from < 0 ? -1 : full.indexOf(segment, from);
  const end = at + segment.length;
  if (at >= 0 && full[end] === ',') return full.slice(0, at) + full.slice(end + 1);
  if (at >= 0 && full[end] === '}' && full[at - 1] === ',') {
    return full.slice(0, at - 1) + full.slice(end);
  }
  return JSON.stringify(withoutPid(pod));
}

function withoutPid(pod: PodInfo): PodInfo {
  return pod.container ? { ...pod, container: { ...pod.container, pid: undefined } } : pod;
}

export interface InternedPod {
  /** Shared by every process of the same pod and container; its `container.pid` is undefined. */
  pod: PodInfo;
  containerPid: number | undefined;
}

/** A snapshot's pod once interned, with the key of the original (container pid included). */
export interface SnapshotPod extends InternedPod {
  fullKey: string;
}

/** One shared PodInfo per distinct pod (without container pid). */
export class PodIntern {
  private readonly byKey = new Map<string, PodInfo>();

  intern(pod: PodInfo): SnapshotPod {
    const containerPid = pod.container?.pid;
    // Not podKeyOf: snapshots are many and short-lived, so their keys are not cached.
    const fullKey = JSON.stringify(pod);
    const key = sharedKeyOf(pod, fullKey);
    let shared = this.byKey.get(key);
    if (shared === undefined) {
      shared = withoutPid(pod);
      keys.set(shared, key);
      this.byKey.set(key, shared);
    }
    return { pod: shared, containerPid, fullKey };
  }

  get size(): number {
    return this.byKey.size;
  }
}
