/**
 * Small but valid Tetragon export lines, built with string templates so that feeding
 * millions of them costs the bench process little. Every exec carries what a real
 * process_exec carries that exectree keeps (pod with its container, labels, workload);
 * exits are reduced to what identifies the process.
 */

export interface PodRef {
  index: number;
  namespace: string;
  name: string;
  node: string;
  /** The container id without the runtime prefix, 64 hex digits. */
  containerId: string;
  podJsonHead: string;
  podJsonTail: string;
}

export interface LifecycleProcess {
  pod: PodRef;
  execId: string;
  parentExecId: string;
  pid: number;
  containerPid: number;
  binary: string;
  args: string;
  cwd: string;
  startTime: string;
}

const q = JSON.stringify;
const BASE_MS = Date.UTC(2026, 0, 1);

function hex(seed: number, length: number): string {
  let out = '';
  let x = seed >>> 0 || 1;
  while (out.length < length) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += (x >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

export function execIdOf(node: string, ktime: number, pid: number): string {
  return Buffer.from(`${node}:${ktime}:${pid}`).toString('base64');
}

/** RFC 3339 with nanoseconds, like Tetragon writes. */
export function rfc3339(ms: number, nanos = 0): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  const frac = String((Math.floor(ms) % 1000) * 1_000_000 + nanos).padStart(9, '0');
  return `${iso.slice(0, 19)}.${frac}Z`;
}

export function podRef(index: number, namespace = 'bench', nodes = 10): PodRef {
  const name = `app-${hex(index * 7919 + 1, 10)}-${hex(index + 3, 5)}`;
  const node = `gke-bench-pool-${hex((index % nodes) + 11, 8)}-node${index % nodes}`;
  const containerId = hex(index * 104729 + 17, 64);
  const workload = name.slice(0, name.lastIndexOf('-'));
  const podJsonHead =
    `{"namespace":${q(namespace)},"name":${q(name)},"uid":${q(`${hex(index + 5, 8)}-${hex(index + 6, 4)}-${hex(index + 7, 4)}-${hex(index + 8, 4)}-${hex(index + 9, 12)}`)}` +
    `,"container":{"id":${q(`containerd://${containerId}`)},"name":"app"` +
    `,"image":{"id":${q(`docker.io/library/app@sha256:${hex(index + 99, 64)}`)},"name":"docker.io/library/app:1.4.2"}` +
    `,"start_time":${q(rfc3339(BASE_MS - 3_600_000))},`;
  const podJsonTail =
    `},"pod_labels":{"app":${q(workload)},"pod-template-hash":${q(hex(index + 13, 10))}}` +
    `,"workload":${q(workload)},"workload_kind":"Deployment"}`;
  return { index, namespace, name, node, containerId, podJsonHead, podJsonTail };
}

export function groupKeyOf(pod: PodRef): string {
  return `pod/${pod.namespace}/${pod.name}`;
}

function processJson(p: LifecycleProcess): string {
  return (
    `{"exec_id":${q(p.execId)},"pid":${p.pid},"uid":1000,"cwd":${q(p.cwd)},"binary":${q(p.binary)}` +
    `,"arguments":${q(p.args)},"flags":"execve clone","start_time":${q(p.startTime)},"auid":4294967295` +
    `,"pod":${p.pod.podJsonHead}"pid":${p.containerPid}${p.pod.podJsonTail}` +
    `,"docker":${q(p.pod.containerId.slice(0, 31))},"parent_exec_id":${q(p.parentExecId)},"in_init_tree":false}`
  );
}

export function execLine(p: LifecycleProcess): string {
  return `{"process_exec":{"process":${processJson(p)}},"node_name":${q(p.pod.node)},"time":${q(p.startTime)}}`;
}

export function exitLine(p: LifecycleProcess, exitTime: string, status = 0): string {
  return (
    `{"process_exit":{"process":{"exec_id":${q(p.execId)},"pid":${p.pid},"start_time":${q(p.startTime)}}` +
    `,"status":${status},"time":${q(exitTime)}},"node_name":${q(p.pod.node)},"time":${q(exitTime)}}`
  );
}

const COMMANDS: readonly (readonly [string, string])[] = [
  ['/bin/sh', '-c "pg_isready -h 127.0.0.1 -p 5432 -t 1"'],
  ['/usr/bin/curl', '-sf http://127.0.0.1:8080/healthz --max-time 2'],
  ['/usr/local/bin/python3', '/app/jobs/reindex.py --batch 500 --shard'],
  ['/usr/bin/git', 'fetch --prune origin refs/heads/main'],
  ['/bin/ls', '-la /var/lib/app/cache'],
  ['/usr/bin/nginx', '-s reload -c /etc/nginx/nginx.conf'],
  ['/usr/local/bin/node', '/app/dist/worker.js --queue emails --concurrency 4'],
  ['/usr/bin/tar', 'czf /tmp/backup.tgz /var/lib/app/data'],
];

/**
 * The i-th process of a pod: a child of the pod's init (`parent`), with a start time
 * `i` milliseconds after `baseMs` and an argument that makes it unique.
 */
export function podProcess(
  pod: PodRef,
  i: number,
  parentExecId: string,
  baseMs = BASE_MS,
  extraArg = '',
): LifecycleProcess {
  const [binary, args] = COMMANDS[i % COMMANDS.length] ?? ['/bin/true', ''];
  const pid = 10_000 + (i % 4_000_000);
  const ms = baseMs + i;
  const ktime = 1_000_000_000_000 + i * 1000;
  return {
    pod,
    execId: execIdOf(pod.node, ktime, pid),
    parentExecId,
    pid,
    containerPid: 100 + (i % 30_000),
    binary,
    args: `${args} ${i}${extraArg}`,
    cwd: '/app',
    startTime: rfc3339(ms, i % 1000),
  };
}

/** The container init every pod's processes hang under. */
export function podInit(pod: PodRef, baseMs = BASE_MS): LifecycleProcess {
  return {
    pod,
    execId: execIdOf(pod.node, 5_000_000_000 + pod.index * 1000, 1),
    parentExecId: execIdOf(pod.node, 1_000_000, 1),
    pid: 4_000_001,
    containerPid: 1,
    binary: '/usr/local/bin/app-server',
    args: '--port 8080 --log-format json',
    cwd: '/app',
    startTime: rfc3339(baseMs - 60_000),
  };
}
