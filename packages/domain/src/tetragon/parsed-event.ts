/**
 * The normalised form of one Tetragon export line: only the fields exectree reads,
 * already type-checked, plus the original line so nothing is lost.
 */

export interface ContainerImage {
  id: string;
  name: string;
}

export interface ContainerInfo {
  id: string;
  name: string;
  image: ContainerImage;
  startTime: string | undefined;
  /** PID inside the container's PID namespace; 1 is the container init. */
  pid: number | undefined;
  maybeExecProbe: boolean;
}

export interface PodInfo {
  namespace: string;
  name: string;
  uid: string | undefined;
  container: ContainerInfo | undefined;
  labels: Record<string, string>;
  workload: string | undefined;
  workloadKind: string | undefined;
}

/** One `Process` object as it appeared in an event; every field may be missing. */
export interface ProcessSnapshot {
  execId: string | undefined;
  parentExecId: string | undefined;
  pid: number | undefined;
  uid: number | undefined;
  auid: number | undefined;
  cwd: string | undefined;
  binary: string | undefined;
  arguments: string | undefined;
  /** The space-separated flag string exactly as received. */
  flags: string | undefined;
  startTime: string | undefined;
  pod: PodInfo | undefined;
  docker: string | undefined;
  inInitTree: boolean | undefined;
}

/** A snapshot that names a process and says nothing else about it. */
export function bareSnapshot(execId: string | undefined): ProcessSnapshot {
  return {
    execId,
    parentExecId: undefined,
    pid: undefined,
    uid: undefined,
    auid: undefined,
    cwd: undefined,
    binary: undefined,
    arguments: undefined,
    flags: undefined,
    startTime: undefined,
    pod: undefined,
    docker: undefined,
    inInitTree: undefined,
  };
}

export interface ExitInfo {
  /** Exit code; an exit without `status` is 0. */
  status: number;
  /** Signal name such as "SIGKILL", or null. */
  signal: string | null;
  time: string | undefined;
}

export type LossKind = 'rate_limit' | 'throttle';

export interface LossInfo {
  kind: LossKind;
  /** `rate_limit`: number of dropped events; `throttle`: undefined. */
  dropped: number | undefined;
  /** `throttle`: "THROTTLE_START" / "THROTTLE_STOP". */
  throttleType: string | undefined;
  cgroup: string | undefined;
}

/** What a non-lifecycle event (kprobe, tracepoint, lsm, ...) was about, for lists and badges. */
export interface ProbeInfo {
  functionName: string | undefined;
  policyName: string | undefined;
  action: string | undefined;
}

export interface ParsedEvent {
  /** Stable content hash of the line: the same line delivered twice has the same id. */
  id: string;
  /** The event key: "process_exec", "process_exit", "process_kprobe", or any unknown key. */
  type: string;
  node: string;
  time: string | undefined;
  process: ProcessSnapshot | undefined;
  parent: ProcessSnapshot | undefined;
  ancestors: ProcessSnapshot[];
  exit: ExitInfo | undefined;
  loss: LossInfo | undefined;
  probe: ProbeInfo | undefined;
  /** The original line, trimmed. */
  raw: string;
}

export type ParseResult =
  { kind: 'event'; event: ParsedEvent } | { kind: 'blank' } | { kind: 'rejected'; reason: string };

/** Keys that sit beside the event key at the top level of every export line. */
export const COMMON_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set([
  'node_name',
  'time',
  'cluster_name',
  'node_labels',
  'aggregation_info',
]);

/** The oneof keys of Tetragon's GetEventsResponse (OSS proto), plus its rate-limit line. */
export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set([
  'process_exec',
  'process_exit',
  'process_kprobe',
  'process_tracepoint',
  'process_loader',
  'process_uprobe',
  'process_throttle',
  'process_lsm',
  'process_usdt',
  'rate_limit_info',
]);
