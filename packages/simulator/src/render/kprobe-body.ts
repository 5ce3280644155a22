import type { KprobeSpec } from '../cluster/profile.ts';

const q = JSON.stringify;

/** The per-event parts of a `sock_arg`. */
export interface KprobeSocket {
  readonly saddr: string;
  readonly sport: number;
  readonly cookie: string;
}

function permissionOf(path: string): string {
  if (path === '/etc/shadow' || path.endsWith('.key')) return '-rw-r-----';
  if (path.startsWith('/tmp/')) return '-rwxr-xr-x';
  return '-rw-r--r--';
}

/** Fields of a ProcessKprobe after `process` and `parent`, in proto field order. */
export function renderKprobeBody(spec: KprobeSpec, socket: KprobeSocket): string {
  if (spec.kind === 'file') {
    // MAY_WRITE = 0x02, MAY_READ = 0x04 in the second argument of security_file_permission.
    const mask = spec.write === true ? 2 : 4;
    return (
      `"function_name":"security_file_permission","args":[{"file_arg":{"path":${q(spec.path)}` +
      `,"permission":${q(permissionOf(spec.path))}}},{"int_arg":${mask}}],"return":{"int_arg":0}` +
      `,"action":"KPROBE_ACTION_POST","policy_name":"file-monitoring","return_action":"KPROBE_ACTION_POST"`
    );
  }
  return (
    `"function_name":"tcp_connect","args":[{"sock_arg":{"family":"AF_INET","type":"SOCK_STREAM"` +
    `,"protocol":"IPPROTO_TCP","saddr":${q(socket.saddr)},"daddr":${q(spec.daddr)}` +
    `,"sport":${socket.sport},"dport":${spec.dport},"cookie":${q(socket.cookie)},"state":"TCP_SYN_SENT"}}]` +
    `,"action":"KPROBE_ACTION_POST","policy_name":"monitor-network-activity"`
  );
}
