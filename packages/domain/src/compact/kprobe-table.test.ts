import { describe, expect, it } from 'vitest';
import { formatCompact } from './format-compact.ts';

const plain = { timestamps: false };
const tetragon = { namespace: 'kube-system', name: 'tetragon' };

function kprobe(
  functionName: string,
  args?: unknown[],
  binary = '/usr/bin/curl',
): string | undefined {
  const body = { process: { binary, pod: tetragon }, function_name: functionName, args };
  return formatCompact({ process_kprobe: body }, plain);
}

const file = (path: string) => ({ file_arg: { path } });

describe('kprobe table: rows from tetra encoder tests', () => {
  it('fd_install prints the file of args[1], a trailing space without it', () => {
    expect(kprobe('fd_install')).toBe('📬 open    kube-system/tetragon /usr/bin/curl ');
    expect(kprobe('fd_install', [null, file('/etc/password')])).toBe(
      '📬 open    kube-system/tetragon /usr/bin/curl /etc/password',
    );
  });

  it('sys_write without args keeps both empty columns', () => {
    expect(kprobe('__x64_sys_write')).toBe('📝 write   kube-system/tetragon /usr/bin/curl  ');
  });

  it('sys_close prints the file of args[0]', () => {
    expect(kprobe('__x64_sys_close')).toBe('📪 close   kube-system/tetragon /usr/bin/curl ');
    expect(kprobe('__x64_sys_close', [file('/etc/password')])).toBe(
      '📪 close   kube-system/tetragon /usr/bin/curl /etc/password',
    );
  });

  it('bpf_check prints the program attributes', () => {
    expect(kprobe('bpf_check', undefined, '/usr/bin/bpftool')).toBe(
      '🐝 bpf_load kube-system/tetragon /usr/bin/bpftool ',
    );
    const attr = { ProgType: 'BPF_PROG_TYPE_KPROBE', InsnCnt: 2048, ProgName: 'amazing-program' };
    expect(kprobe('bpf_check', [{ bpf_attr_arg: attr }], '/usr/bin/bpftool')).toBe(
      '🐝 bpf_load kube-system/tetragon /usr/bin/bpftool BPF_PROG_TYPE_KPROBE amazing-program instruction count 2048',
    );
  });

  it('security_perf_event_alloc prints type and function', () => {
    const perf = { KprobeFunc: 'commit_creds', Type: 'PERF_TYPE_TRACEPOINT' };
    expect(
      kprobe('security_perf_event_alloc', [{ perf_event_arg: perf }], '/usr/bin/bpftool'),
    ).toBe(
      '🐝 perf_event_alloc kube-system/tetragon /usr/bin/bpftool PERF_TYPE_TRACEPOINT commit_creds',
    );
  });

  it('security_bpf_map_alloc and _create print the map', () => {
    const map = {
      MapType: 'BPF_MAP_TYPE_HASH',
      KeySize: 8,
      ValueSize: 8,
      MaxEntries: 1024,
      MapName: 'amazing-map',
    };
    const expected =
      '🗺 bpf_map_create kube-system/tetragon /usr/bin/bpftool BPF_MAP_TYPE_HASH amazing-map key size 8 value size 8 max entries 1024';
    for (const hook of ['security_bpf_map_alloc', 'security_bpf_map_create']) {
      expect(kprobe(hook, [{ bpf_map_arg: map }], '/usr/bin/bpftool')).toBe(expected);
    }
    expect(kprobe('security_bpf_map_alloc', undefined, '/usr/bin/bpftool')).toBe(
      '🗺 bpf_map_create kube-system/tetragon /usr/bin/bpftool ',
    );
  });
});

describe('kprobe table: the other rows', () => {
  const prefix = 'kube-system/tetragon /usr/bin/curl';

  it('sys_read strips the arm64 prefix too', () => {
    const args = [file('/etc/hosts'), {}, { size_arg: '18446744073709551615' }];
    expect(kprobe('__arm64_sys_read', args)).toBe(
      `📚 read    ${prefix} /etc/hosts 18446744073709551615 bytes`,
    );
    expect(kprobe('sys_read', [file('/etc/hosts'), {}, {}])).toBe(
      `📚 read    ${prefix} /etc/hosts 0 bytes`,
    );
  });

  it('openat/open print the filename string of args[1]', () => {
    const args = [{ int_arg: -100 }, { string_arg: '/etc/passwd' }];
    expect(kprobe('__x64_sys_openat', args)).toBe(`📬️ openat  ${prefix} /etc/passwd`);
    expect(kprobe('__x64_sys_open', args)).toBe(`📬️ open    ${prefix} /etc/passwd`);
  });

  it('mount and pivot_root print source and target', () => {
    const args = [{ string_arg: '/dev/sda1' }, { string_arg: '/mnt/my disk' }];
    expect(kprobe('__x64_sys_mount', args)).toBe(`💾 mount   ${prefix} /dev/sda1 "/mnt/my disk"`);
    expect(kprobe('__x64_sys_pivot_root', args.slice(0, 1))).toBe(
      `💾 pivot_root ${prefix} /dev/sda1 `,
    );
  });

  it('setuid, clock_settime, proc_exec_connector and setns', () => {
    expect(kprobe('__x64_sys_setuid', [{ int_arg: 1000 }])).toBe(`🔑 setuid  ${prefix} 1000`);
    expect(kprobe('__x64_sys_setuid')).toBe(`🔑 setuid  ${prefix} `);
    expect(kprobe('__x64_sys_clock_settime', [{ int_arg: 0 }])).toBe(`⏰ clock_settime ${prefix}`);
    expect(kprobe('proc_exec_connector')).toBe(`🔧 proc_exec_connector ${prefix}`);
    expect(kprobe('__x64_sys_setns', [{ int_arg: 3 }, { int_arg: 0x40000000 }])).toBe(
      `🔧 setns   ${prefix} net`,
    );
    expect(kprobe('__x64_sys_setns', [{ int_arg: 3 }, { int_arg: 0 }])).toBe(
      `🔧 setns   ${prefix} any`,
    );
    expect(kprobe('__x64_sys_setns', [{ int_arg: 3 }, { int_arg: 5 }])).toBe(
      `🔧 setns   ${prefix} `,
    );
  });

  it('tcp_connect, tcp_close and tcp_sendmsg print the socket', () => {
    const sock = { sock_arg: { saddr: '10.0.0.1', sport: 40000, daddr: '1.1.1.1', dport: 443 } };
    const socket = 'tcp 10.0.0.1:40000 -> 1.1.1.1:443';
    expect(kprobe('tcp_connect', [sock])).toBe(`🔌 connect ${prefix} ${socket}`);
    expect(kprobe('tcp_close', [sock])).toBe(`🧹 close   ${prefix} ${socket}`);
    expect(kprobe('tcp_sendmsg', [sock, { int_arg: 517 }])).toBe(
      `📤 sendmsg ${prefix} ${socket} bytes 517`,
    );
    expect(kprobe('tcp_sendmsg')).toBe(`📤 sendmsg ${prefix}  bytes 0`);
  });

  it('security_file_permission names the access from its mask', () => {
    const passwd = file('/etc/passwd');
    expect(kprobe('security_file_permission', [passwd, { int_arg: 2 }])).toBe(
      `📝 write   ${prefix} /etc/passwd`,
    );
    expect(kprobe('security_file_permission', [passwd, { int_arg: 4 }])).toBe(
      `📚 read    ${prefix} /etc/passwd`,
    );
    expect(kprobe('security_file_permission', [passwd, { int_arg: 8 }])).toBe(
      `❓ security_file_permission ${prefix} /etc/passwd`,
    );
    expect(kprobe('security_file_permission', [passwd])).toBe(
      `❓ security_file_permission ${prefix} `,
    );
  });

  it('security_mmap_file spells the protection bits', () => {
    const lib = file('/lib/libc.so.6');
    expect(kprobe('security_mmap_file', [lib, { uint_arg: 5 }])).toBe(
      `📝 mmap-rx ${prefix} /lib/libc.so.6`,
    );
    expect(kprobe('security_mmap_file', [lib, { uint_arg: 0 }])).toBe(
      `📝 mmap-   ${prefix} /lib/libc.so.6`,
    );
    expect(kprobe('security_mmap_file', [lib])).toBe(`❓ security_mmap_file ${prefix} `);
  });

  it('security_path_truncate and security_file_truncate print truncate', () => {
    expect(kprobe('security_path_truncate', [{ path_arg: { path: '/tmp/log' } }])).toBe(
      `📝 truncate ${prefix} /tmp/log`,
    );
    expect(kprobe('security_file_truncate', [file('/tmp/log')])).toBe(
      `📝 truncate ${prefix} /tmp/log`,
    );
    expect(kprobe('security_path_truncate')).toBe(`❓ security_path_truncate ${prefix} `);
  });

  it('prints other functions raw, arch prefix included', () => {
    expect(kprobe('__x64_sys_setgid', [{ int_arg: 0 }])).toBe(
      `❓ syscall ${prefix} __x64_sys_setgid`,
    );
  });

  it('survives arguments of the wrong shape', () => {
    expect(kprobe('tcp_connect', [{ sock_arg: 'x' }])).toBe(`🔌 connect ${prefix} tcp :0 -> :0`);
    expect(kprobe('__x64_sys_write', [{ file_arg: null }, 1, { size_arg: 'many' }])).toBe(
      `📝 write   ${prefix}  0 bytes`,
    );
    const body = { process: { binary: '/b' }, function_name: 'fd_install', args: 'nope' };
    expect(formatCompact({ process_kprobe: body, node_name: 'n' }, plain)).toBe('📬 open    n /b ');
  });
});
