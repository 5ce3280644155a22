/**
 * Builds Tetragon export lines for tests: minimal, readable streams that exercise one
 * rule at a time. Field names follow the real protojson export.
 */
import { encodeExecId } from '../tetragon/exec-id.ts';
import { parseLine } from '../tetragon/parse-line.ts';
import type { ParsedEvent } from '../tetragon/parsed-event.ts';

export interface ProcSpec {
  node?: string;
  pid: number;
  ktime?: number;
  binary?: string;
  args?: string;
  flags?: string;
  start?: string;
  parent?: ProcSpec;
  pod?: { namespace: string; name: string; container?: string; containerPid?: number } | null;
  docker?: string;
  inInitTree?: boolean;
  cwd?: string;
}

export function idOf(p: ProcSpec): string {
  return encodeExecId(p.node ?? 'node-a', p.ktime ?? p.pid * 1000, p.pid);
}

export function processJson(p: ProcSpec): Record<string, unknown> {
  const json: Record<string, unknown> = {
    exec_id: idOf(p),
    pid: p.pid,
    uid: 0,
    cwd: p.cwd ?? '/',
    binary: p.binary ?? '/bin/sh',
    flags: p.flags ?? 'execve rootcwd clone',
    start_time: p.start ?? `2026-01-01T00:00:${String(p.pid % 60).padStart(2, '0')}.000000001Z`,
    auid: 4294967295,
  };
  if (p.args !== undefined) json.arguments = p.args;
  if (p.pod) {
    json.pod = {
      namespace: p.pod.namespace,
      name: p.pod.name,
      container: {
        id: 'containerd://' + (p.docker ?? 'c0ffee').padEnd(64, '0'),
        name: p.pod.container ?? 'main',
        image: {
          id: 'docker.io/library/busybox@sha256:00',
          name: 'docker.io/library/busybox:latest',
        },
        start_time: '2026-01-01T00:00:00Z',
        ...(p.pod.containerPid !== undefined && { pid: p.pod.containerPid }),
      },
      workload: p.pod.name,
      workload_kind: 'Pod',
    };
  }
  if (p.docker) json.docker = p.docker;
  if (p.parent) json.parent_exec_id = idOf(p.parent);
  if (p.inInitTree !== undefined) json.in_init_tree = p.inInitTree;
  return json;
}

function line(type: string, body: Record<string, unknown>, node: string, time: string): string {
  return JSON.stringify({ [type]: body, node_name: node, time });
}

export function execLine(p: ProcSpec, options: { withParent?: boolean } = {}): string {
  const body: Record<string, unknown> = { process: processJson(p) };
  if (p.parent && options.withParent !== false) body.parent = processJson(p.parent);
  return line('process_exec', body, p.node ?? 'node-a', String(processJson(p).start_time));
}

export function exitLine(
  p: ProcSpec,
  exit: { status?: number; signal?: string; time?: string; reduced?: boolean } = {},
): string {
  const process = exit.reduced
    ? { pid: p.pid, start_time: processJson(p).start_time }
    : processJson(p);
  const body: Record<string, unknown> = { process };
  if (p.parent) body.parent = processJson(p.parent);
  if (exit.status !== undefined) body.status = exit.status;
  if (exit.signal !== undefined) body.signal = exit.signal;
  const time = exit.time ?? '2026-01-01T00:10:00.000000001Z';
  body.time = time;
  return line('process_exit', body, p.node ?? 'node-a', time);
}

export function kprobeLine(p: ProcSpec, functionName: string, tid?: number): string {
  const process = { ...processJson(p), ...(tid !== undefined && { tid }) };
  const body: Record<string, unknown> = {
    process,
    function_name: functionName,
    args: [{ file_arg: { path: '/etc/passwd' } }],
    action: 'KPROBE_ACTION_POST',
    policy_name: 'file-monitoring',
  };
  if (p.parent) body.parent = processJson(p.parent);
  return line('process_kprobe', body, p.node ?? 'node-a', '2026-01-01T00:05:00.000000001Z');
}

export function parseAll(lines: string[]): ParsedEvent[] {
  return lines.map((l, i) => {
    const result = parseLine(l);
    if (result.kind !== 'event')
      throw new Error(`test line ${i + 1} did not parse: ${JSON.stringify(result)}`);
    return result.event;
  });
}
