import { describe, expect, it } from 'vitest';
import { summarizeEvent } from './event-summary.ts';

const process = {
  exec_id: 'abc',
  pid: 7,
  binary: '/usr/sbin/nginx',
  arguments: '-g "daemon off;"',
  pod: { namespace: 'default', name: 'web' },
};

describe('summarizeEvent', () => {
  it('reads type, time, hook and policy of a kprobe, with tetra’s compact line', () => {
    const summary = summarizeEvent({
      process_kprobe: {
        process,
        function_name: 'security_file_permission',
        policy_name: 'file-monitoring',
        args: [{ file_arg: { path: '/etc/passwd', permission: '-rw-r--r--' } }, { int_arg: 4 }],
      },
      node_name: 'node-1',
      time: '2026-01-01T00:04:27.522295153Z',
    });
    expect(summary).toMatchObject({
      type: 'process_kprobe',
      kind: 'kprobe',
      time: '2026-01-01T00:04:27.522295153Z',
      hook: 'security_file_permission',
      policy: 'file-monitoring',
    });
    expect(summary.summary).toContain('/etc/passwd');
    expect(/^\p{Extended_Pictographic}/u.test(summary.summary)).toBe(false);
  });

  it('names tracepoints by subsystem and event', () => {
    const summary = summarizeEvent({
      process_tracepoint: { process, subsys: 'syscalls', event: 'sys_enter_openat' },
      time: '2026-01-01T00:00:00Z',
    });
    expect(summary.hook).toBe('syscalls/sys_enter_openat');
  });

  it('survives anything that is not an event', () => {
    expect(summarizeEvent(null).type).toBe('unknown');
    expect(summarizeEvent({ process_exec: 'nope' }).summary).toBe('process_exec');
    expect(summarizeEvent({ foo: 1 }).kind).toBe('unknown');
  });
});
