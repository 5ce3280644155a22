import { encodeExecId } from '@exectree/domain';

/** One process of a synthetic Tetragon export stream. */
export interface ProcSpec {
  pid: number;
  node?: string;
  binary?: string;
  args?: string;
  cwd?: string;
  pod?: { namespace: string; name: string };
  /** Event time; defaults to a fixed time derived from the pid. */
  time?: string;
}

export function execIdOf(spec: ProcSpec): string {
  return encodeExecId(spec.node ?? 'node-a', spec.pid * 1000, spec.pid);
}

function processJson(spec: ProcSpec, time: string): Record<string, unknown> {
  return {
    exec_id: execIdOf(spec),
    pid: spec.pid,
    uid: 0,
    cwd: spec.cwd ?? '/',
    binary: spec.binary ?? '/bin/sh',
    arguments: spec.args ?? '',
    flags: 'execve clone',
    start_time: time,
    auid: 4294967295,
    ...(spec.pod && {
      pod: {
        namespace: spec.pod.namespace,
        name: spec.pod.name,
        container: {
          id: `containerd://${'c0ffee'.padEnd(64, '0')}`,
          name: 'main',
          image: { id: 'docker.io/library/busybox@sha256:00', name: 'busybox:latest' },
          start_time: '2026-01-01T00:00:00Z',
        },
      },
    }),
  };
}

function timeOf(spec: ProcSpec): string {
  return spec.time ?? new Date(Date.UTC(2026, 0, 1) + spec.pid * 1000).toISOString();
}

export function execLine(spec: ProcSpec): string {
  const time = timeOf(spec);
  return JSON.stringify({
    process_exec: { process: processJson(spec, time) },
    node_name: spec.node ?? 'node-a',
    time,
  });
}

export function exitLine(spec: ProcSpec, exitTime = '2026-01-02T00:00:00Z'): string {
  return JSON.stringify({
    process_exit: { process: processJson(spec, timeOf(spec)), status: 0, time: exitTime },
    node_name: spec.node ?? 'node-a',
    time: exitTime,
  });
}
