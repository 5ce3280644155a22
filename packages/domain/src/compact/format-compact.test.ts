import { describe, expect, it } from 'vitest';
import { formatCompact } from './format-compact.ts';

const plain = { timestamps: false };
const curl = { binary: '/usr/bin/curl', arguments: 'cilium.io' };
const tetragonPod = { namespace: 'kube-system', name: 'tetragon' };

describe('formatCompact: tetra encoder test strings', () => {
  it('prints an exec with the node name when there is no pod', () => {
    const event = { process_exec: { process: curl }, node_name: 'my-node' };
    expect(formatCompact(event, plain)).toBe('🚀 process my-node /usr/bin/curl cilium.io');
  });

  it('prints an exec with namespace/pod when the process has a pod', () => {
    const event = { process_exec: { process: { ...curl, pod: tetragonPod } } };
    expect(formatCompact(event, plain)).toBe(
      '🚀 process kube-system/tetragon /usr/bin/curl cilium.io',
    );
  });

  it('prints the exit status, or the signal instead when there is one', () => {
    const process = { ...curl, pod: tetragonPod };
    expect(formatCompact({ process_exit: { process, status: 1 } }, plain)).toBe(
      '💥 exit    kube-system/tetragon /usr/bin/curl cilium.io 1',
    );
    expect(formatCompact({ process_exit: { process, signal: 'SIGKILL', status: 1 } }, plain)).toBe(
      '💥 exit    kube-system/tetragon /usr/bin/curl cilium.io SIGKILL',
    );
  });

  it('prints a write kprobe with path and size', () => {
    const event = {
      process_kprobe: {
        process: { binary: '/usr/bin/curl', pod: tetragonPod },
        function_name: '__x64_sys_write',
        args: [{ file_arg: { path: '/etc/password' } }, {}, { size_arg: '1234' }],
      },
    };
    expect(formatCompact(event, plain)).toBe(
      '📝 write   kube-system/tetragon /usr/bin/curl /etc/password 1234 bytes',
    );
  });

  it('prints an unknown kprobe function as a syscall', () => {
    const event = {
      process_kprobe: {
        process: { binary: '/usr/bin/curl', pod: tetragonPod },
        function_name: 'unhandled_function',
      },
    };
    expect(formatCompact(event, plain)).toBe(
      '❓ syscall kube-system/tetragon /usr/bin/curl unhandled_function',
    );
  });

  it('prefixes the event time with nine fractional digits, the epoch when it is missing', () => {
    const process = { ...curl, pod: tetragonPod };
    const expected =
      '1970-01-01T00:00:00.000000000Z 🚀 process kube-system/tetragon /usr/bin/curl cilium.io';
    const withTime = { process_exec: { process }, time: '1970-01-01T00:00:00Z' };
    expect(formatCompact(withTime, { timestamps: true })).toBe(expected);
    expect(formatCompact({ process_exec: { process } }, { timestamps: true })).toBe(expected);
    const real = { process_exec: { process }, time: '2022-05-11T12:54:45.615Z' };
    expect(formatCompact(real, { timestamps: true })).toMatch(
      /^2022-05-11T12:54:45\.615000000Z 🚀 process /,
    );
  });
});

describe('formatCompact: the whoami workflow (docs-whoami-exec-exit.jsonl)', () => {
  const whoami = {
    binary: '/usr/bin/whoami',
    arguments: '--version',
    pod: { namespace: 'default', name: 'xwing' },
  };
  const bash = { binary: '/bin/bash', pod: { namespace: 'default', name: 'xwing' } };

  it('prints the exec of whoami (the process), not its parent bash', () => {
    const event = { process_exec: { process: whoami, parent: bash }, node_name: 'kind' };
    expect(formatCompact(event, plain)).toBe('🚀 process default/xwing /usr/bin/whoami --version');
  });

  it('prints a clean exit (no status, no signal) as 0', () => {
    const event = { process_exit: { process: whoami, parent: bash }, node_name: 'kind' };
    expect(formatCompact(event, plain)).toBe(
      '💥 exit    default/xwing /usr/bin/whoami --version 0',
    );
  });

  it('keeps the separator before empty arguments, as tetra does', () => {
    expect(formatCompact({ process_exec: { process: bash } }, plain)).toBe(
      '🚀 process default/xwing /bin/bash ',
    );
  });
});

describe('formatCompact: other event types', () => {
  const process = { binary: '/usr/bin/app', pod: { namespace: 'ns', name: 'pod' } };

  it('prints throttle start/stop with the cgroup and no process', () => {
    const start = { process_throttle: { type: 'THROTTLE_START', cgroup: 'session-429.scope' } };
    const stop = { process_throttle: { type: 'THROTTLE_STOP', cgroup: 'session-429.scope' } };
    expect(formatCompact(start, plain)).toBe('🧬 throttle START session-429.scope');
    expect(formatCompact(stop, plain)).toBe('🧬 throttle STOP  session-429.scope');
    expect(formatCompact({ process_throttle: { cgroup: 'x' } }, plain)).toBe('🧬 throttle  x');
  });

  it('prints a loader with the hex build id before the path', () => {
    const event = { process_loader: { process, path: '/lib/libc.so.6', buildid: '3q2+7w==' } };
    expect(formatCompact(event, plain)).toBe(
      '🧬 loader  ns/pod /usr/bin/app deadbeef /lib/libc.so.6',
    );
    const noId = { process_loader: { process, path: '/lib/libc.so.6' } };
    expect(formatCompact(noId, plain)).toBe('🧬 loader  ns/pod /usr/bin/app /lib/libc.so.6');
  });

  it('prints uprobe, usdt and lsm events', () => {
    const uprobe = { process_uprobe: { process, path: '/bin/bash', symbol: 'readline' } };
    const usdt = {
      process_usdt: { process, path: '/usr/bin/python3', provider: 'python', name: 'gc__start' },
    };
    const lsm = { process_lsm: { process, function_name: 'file_open' } };
    expect(formatCompact(uprobe, plain)).toBe('🕵️ uprobe  ns/pod /usr/bin/app /bin/bash readline');
    expect(formatCompact(usdt, plain)).toBe(
      '🕵️ usdt    ns/pod /usr/bin/app /usr/bin/python3 python gc__start',
    );
    expect(formatCompact(lsm, plain)).toBe('🔒 LSM     ns/pod /usr/bin/app file_open');
  });

  it('names raw syscalls from their x64 id and prints other tracepoints by subsys/event', () => {
    const rawSyscall = (arg: unknown) => ({
      process_tracepoint: { process, subsys: 'raw_syscalls', event: 'sys_enter', args: [arg] },
    });
    expect(formatCompact(rawSyscall({ long_arg: '59' }), plain)).toBe(
      '☎  syscall ns/pod /usr/bin/app execve',
    );
    expect(formatCompact(rawSyscall({ syscall_id: { id: 0, abi: 'x64' } }), plain)).toBe(
      '☎  syscall ns/pod /usr/bin/app read',
    );
    expect(formatCompact(rawSyscall({ long_arg: '9999' }), plain)).toBe(
      '☎  syscall ns/pod /usr/bin/app unknown',
    );
    const other = { process_tracepoint: { process, subsys: 'sched', event: 'sched_switch' } };
    expect(formatCompact(other, plain)).toBe(
      '⁉️ tracepoint ns/pod /usr/bin/app sched sched_switch',
    );
  });

  it('prints the test event like tetra', () => {
    expect(formatCompact({ test: {} }, plain)).toBe('TEST EVENT');
  });
});

describe('formatCompact: events tetra does not print', () => {
  it.each([
    ['exec without process', { process_exec: {} }],
    ['exit with a null process', { process_exit: { process: null } }],
    ['kprobe without process', { process_kprobe: { function_name: 'unhandled_function' } }],
    ['rate_limit_info', { rate_limit_info: { number_of_dropped_process_events: '3' } }],
    ['enterprise process_connect', { process_connect: { process: { binary: '/bin/nc' } } }],
    ['a null body', { process_exec: null }],
    ['no event key', { node_name: 'n', time: '2024-01-01T00:00:00Z' }],
    ['an array', []],
    ['null', null],
    ['a string', 'process_exec'],
  ])('%s', (_name, event) => {
    expect(formatCompact(event, plain)).toBeUndefined();
    expect(formatCompact(event, { timestamps: true })).toBeUndefined();
  });
});

describe('formatCompact: quoting and odd shapes', () => {
  it('quotes user-controlled strings with spaces or control characters, Go style', () => {
    const event = {
      process_exec: {
        process: { binary: '/tmp/my tool', arguments: '-c "curl https://ebpf.io/"' },
      },
      node_name: 'node\u001b[31m',
    };
    expect(formatCompact(event, plain)).toBe(
      '🚀 process "node\\x1b[31m" "/tmp/my tool" "-c \\"curl https://ebpf.io/\\""',
    );
  });

  it('leaves Kubernetes names unquoted', () => {
    const event = {
      process_exec: { process: { binary: '/b', pod: { namespace: 'a b', name: 'c' } } },
    };
    expect(formatCompact(event, plain)).toBe('🚀 process a b/c /b ');
  });

  it('reads mistyped fields as absent', () => {
    const event = {
      process_exit: {
        process: { binary: 42, arguments: ['x'], pod: 'default/xwing' },
        status: 'one',
        signal: 9,
      },
      node_name: 7,
      time: 123,
    };
    // Empty source, binary and arguments still keep their separators.
    const expected = `💥 exit   ${' '.repeat(4)}0`;
    expect(formatCompact(event, plain)).toBe(expected);
    expect(formatCompact(event, { timestamps: true })).toBe(
      `1970-01-01T00:00:00.000000000Z ${expected}`,
    );
  });

  it('pads the CAP_SYS_ADMIN trailer to column 120 when cap.effective has over 21 entries', () => {
    const effective = Array.from({ length: 22 }, () => 'CAP_CHOWN');
    const process = { binary: '/bin/sh', pod: { namespace: 'ns', name: 'pod' } };
    const line = formatCompact(
      { process_exec: { process: { ...process, cap: { effective } } } },
      plain,
    );
    const bare = '🚀 process ns/pod /bin/sh ';
    // 120 bytes minus the line's UTF-8 length (the rocket is 4 bytes), then the trailer.
    expect(line).toBe(`${bare} ${' '.repeat(120 - (bare.length + 2) - 15)}🛑 CAP_SYS_ADMIN`);
    const short = {
      process_exec: { process: { ...process, cap: { effective: effective.slice(1) } } },
    };
    expect(formatCompact(short, plain)).toBe(bare);
  });
});
