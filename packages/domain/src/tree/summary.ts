import type { GroupKind } from './group.ts';

/** One entry of the navigator: a pod, a container without a known pod, or a node's host processes. */
export interface GroupSummary {
  key: string;
  kind: GroupKind;
  namespace: string;
  name: string;
  node: string;
  workload: string | null;
  workloadKind: string | null;
  processes: number;
  running: number;
  exited: number;
  /** Processes with at least one finding. */
  flagged: number;
  /**
   * Container restarts that left processes behind: per container name, the distinct
   * container instances (container id, else container start time) minus one, summed.
   */
  restarts: number;
  /** Earliest start time among its processes (RFC 3339), null when none is known. */
  firstSeen: string | null;
  /** Latest start or exit time among its processes. */
  lastSeen: string | null;
}

/** Events were dropped upstream: the tree around this node and time is incomplete. */
export interface LossMarker {
  /** Id of the line that reported the loss. */
  id: string;
  node: string;
  time: string | null;
  kind: 'rate_limit' | 'throttle';
  /** rate_limit: how many events Tetragon dropped. */
  dropped: number | null;
  /** throttle: "THROTTLE_START" or "THROTTLE_STOP". */
  throttleType: string | null;
  cgroup: string | null;
}
