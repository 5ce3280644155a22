import type { Ns } from '../time/ns.ts';
import type { Profile } from '../cluster/profile.ts';

export interface SimNode {
  readonly name: string;
  readonly index: number;
  /** Nanoseconds since boot at simulation time 0, so ktime = uptimeAtStart + rel. */
  readonly uptimeAtStart: Ns;
  readonly ip: string;
  /** First three octets of the node's pod CIDR, e.g. "10.244.2". */
  readonly podNet: string;
  nextPid: number;
  nextPodIp: number;
  /** Host processes: known to consumers only as embedded parents or from procFS. */
  systemd: SimProcess | undefined;
  containerd: SimProcess | undefined;
  kubelet: SimProcess | undefined;
  readonly pods: SimPod[];
}

export interface SimImage {
  readonly name: string;
  readonly id: string;
}

export interface SimPod {
  readonly node: SimNode;
  readonly profile: Profile;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ip: string;
  /** The pause container's id; the shim is per pod and survives container restarts. */
  readonly sandboxId: string;
  /** containerd-shim-runc-v2: a host process seen only as the embedded parent of the init. */
  readonly shim: SimProcess;
  alive: boolean;
  container: SimContainer | undefined;
  restarts: number;
}

export interface SimContainer {
  readonly pod: SimPod;
  /** 64 hex digits; the `containerd://` prefix is added when rendering. */
  readonly id: string;
  readonly image: SimImage;
  readonly startRel: Ns;
  alive: boolean;
  nextPid: number;
  /** The long-running main image (after any exec without fork). */
  main: SimProcess | undefined;
  /** Long-running fork-only children of `main` (nginx, gunicorn, postgres helpers). */
  readonly workers: SimProcess[];
  /** Every process of this container that has started and not exited. */
  readonly live: SimProcess[];
  /** New activity is suppressed until then (cgroup rate throttling). */
  throttledUntil: Ns;
  /** Rendered pod object, split around `container.pid`. */
  podJsonHead: string;
  podJsonTail: string;
}

export interface SimProcess {
  readonly node: SimNode;
  readonly execId: string;
  readonly parentExecId: string;
  readonly pid: number;
  readonly uid: number;
  readonly cwd: string;
  readonly binary: string;
  readonly args: string;
  readonly flags: string;
  readonly startRel: Ns;
  readonly parent: SimProcess | undefined;
  readonly container: SimContainer | undefined;
  /** PID inside the container's PID namespace. */
  readonly containerPid: number;
  readonly inInitTree: boolean;
  readonly maybeExecProbe: boolean;
  /** Thread count, so kprobe events can report a tid other than the pid. */
  readonly threads: number;
  alive: boolean;
  ended: boolean;
  liveChildren: number;
  /** Position in `container.live`, -1 when not listed. */
  liveIndex: number;
  /** Cached JSON of the immutable part of the snapshot. */
  jsonHead: string | undefined;
}

export interface ExitSpec {
  readonly status?: number;
  readonly signal?: string;
}
