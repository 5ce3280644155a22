import { encodeExecId } from '@exectree/domain';

/** One process of a hand-written Tetragon stream (tests only). */
export interface TestProc {
  pid: number;
  binary: string;
  start: string;
  args?: string;
  parent?: TestProc;
  /** Pod default/NAME, container `cafe`. */
  pod?: string;
}

export const TEST_NODE = 'node-r';

export function execIdOf(p: TestProc): string {
  return encodeExecId(TEST_NODE, p.pid * 1000, p.pid);
}

function processJson(p: TestProc): Record<string, unknown> {
  return {
    exec_id: execIdOf(p),
    pid: p.pid,
    uid: 0,
    cwd: '/',
    binary: p.binary,
    ...(p.args !== undefined && { arguments: p.args }),
    flags: 'execve clone',
    start_time: p.start,
    ...(p.parent && { parent_exec_id: execIdOf(p.parent) }),
    ...(p.pod !== undefined && {
      pod: {
        namespace: 'default',
        name: p.pod,
        container: { id: 'containerd://cafe', name: 'main' },
      },
      docker: 'cafe',
    }),
  };
}

function line(type: string, body: Record<string, unknown>, time: string): string {
  return JSON.stringify({ [type]: body, node_name: TEST_NODE, time });
}

export function execLine(p: TestProc): string {
  return line(
    'process_exec',
    { process: processJson(p), ...(p.parent && { parent: processJson(p.parent) }) },
    p.start,
  );
}

/** `reduced`: only pid and start time, as Tetragon sends when it lost the exec. */
export function exitLine(p: TestProc, time: string, options: { reduced?: boolean } = {}): string {
  const process = options.reduced ? { pid: p.pid, start_time: p.start } : processJson(p);
  return line(
    'process_exit',
    { process, ...(p.parent && { parent: processJson(p.parent) }), status: 0, time },
    time,
  );
}

export function kprobeLine(p: TestProc, time: string): string {
  return line(
    'process_kprobe',
    { process: processJson(p), function_name: 'security_file_open', policy_name: 'files' },
    time,
  );
}

export function rateLimitLine(time: string): string {
  return line('rate_limit_info', { number_of_dropped_process_events: '7' }, time);
}

/** RFC 3339 for `ms` milliseconds before `now`. */
export function ago(now: number, ms: number): string {
  return new Date(now - ms).toISOString();
}
