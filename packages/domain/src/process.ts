/** The API's view of one process (one exec image), as served over HTTP and socket.io. */
import type { Finding } from './findings/finding.ts';

export type ProcessState = 'running' | 'exited' | 'replaced';

/** How exectree learned about a process: its richest snapshot. */
export type ProcessSource = 'exec' | 'event' | 'embedded' | 'exit';

export interface ProcessContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  /** PID inside the container (1 = container init), null when unknown. */
  pid: number | null;
  startTime: string | null;
  maybeExecProbe: boolean;
}

export interface ProcessPod {
  namespace: string;
  name: string;
  container: ProcessContainer | null;
  workload: string | null;
  workloadKind: string | null;
  labels: Record<string, string>;
}

export interface Process {
  execId: string;
  parentExecId: string | null;
  pid: number | null;
  node: string;
  binary: string;
  /** argv[1..] as Tetragon joined it; "" when absent. */
  arguments: string;
  /** "" when absent. */
  cwd: string;
  uid: number | null;
  auid: number | null;
  /** RFC 3339 as received (nanoseconds kept), null when never seen. */
  startTime: string | null;
  state: ProcessState;
  exitTime: string | null;
  /** Exit code: 0 for an exit with neither status nor signal; null while not exited. */
  status: number | null;
  signal: string | null;
  flags: string[];
  pod: ProcessPod | null;
  inInitTree: boolean | null;
  /** Container id prefix from `docker`, null when not containerised. */
  docker: string | null;
  /** Group the process is listed under (see group.ts). */
  group: string;
  source: ProcessSource;
  /** procFS: running before the agent started; start time is historical. */
  preExisting: boolean;
  /** The exec image that replaced this one (exec without fork), if any. */
  replacedBy: string | null;
  /** Number of non-lifecycle events (kprobe, tracepoint, uprobe, lsm, ...) attached. */
  eventCount: number;
  /** Why this process deserves a look (see docs/tree-semantics.md, "Findings"). */
  findings: Finding[];
}

/** A process with its descendants, as returned by the tree endpoints. */
export interface ProcessTreeNode extends Process {
  children: ProcessTreeNode[];
}

/** A root of a pod's tree also carries the host process above it when known (containerd-shim, runc). */
export interface ProcessTreeRoot extends ProcessTreeNode {
  hostParent: Process | null;
}
