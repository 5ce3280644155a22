import { readArray, readString, type JsonRecord } from './json-read.ts';
import {
  argAt,
  bpfMap,
  bpfProgram,
  filePath,
  intArg,
  namespaceName,
  pathArgPath,
  perfEvent,
  sizeArgText,
  stringArgPath,
  tcpSocket,
  uintArg,
} from './kprobe-args.ts';
import { eventLabel } from './label.ts';

/** Renders a kprobe line (without the caps trailer) from its arguments and process info. */
type KprobeRenderer = (args: readonly unknown[], processInfo: string) => string;

const SYSCALL_PREFIXES = ['__x64_', '__arm64_'];

/** tetra matches syscalls without their arch prefix (`__x64_sys_write` → `sys_write`). */
export function cutSyscallPrefix(functionName: string): string {
  const prefix = SYSCALL_PREFIXES.find((p) => functionName.startsWith(p));
  return prefix ? functionName.slice(prefix.length) : functionName;
}

function transfer(emoji: string, kind: string): KprobeRenderer {
  return (args, info) => {
    const file = filePath(argAt(args, 0));
    const bytes = argAt(args, 2) ? `${sizeArgText(argAt(args, 2))} bytes` : '';
    return `${eventLabel(emoji, kind)} ${info} ${file} ${bytes}`;
  };
}

/** One optional detail taken from `args[index]` when that argument is present. */
function withArg(
  emoji: string,
  kind: string,
  index: number,
  detail: (arg: JsonRecord) => string,
): KprobeRenderer {
  return (args, info) => {
    const arg = argAt(args, index);
    return `${eventLabel(emoji, kind)} ${info} ${arg ? detail(arg) : ''}`;
  };
}

function sourceAndTarget(emoji: string, kind: string): KprobeRenderer {
  return (args, info) => {
    const source = stringArgPath(argAt(args, 0));
    const target = stringArgPath(argAt(args, 1));
    return `${eventLabel(emoji, kind)} ${info} ${source} ${target}`;
  };
}

function bare(emoji: string, kind: string): KprobeRenderer {
  return (_args, info) => `${eventLabel(emoji, kind)} ${info}`;
}

const FILE_PERMISSION_KIND: ReadonlyMap<number, readonly [string, string]> = new Map([
  [0x02, ['📝', 'write']],
  [0x04, ['📚', 'read']],
]);

const filePermission: KprobeRenderer = (args, info) => {
  const file = argAt(args, 0);
  const mask = argAt(args, 1);
  if (!file || !mask) return `${eventLabel('❓', 'security_file_permission')} ${info} `;
  const [emoji, kind] = FILE_PERMISSION_KIND.get(intArg(mask)) ?? [
    '❓',
    'security_file_permission',
  ];
  return `${eventLabel(emoji, kind)} ${info} ${filePath(file)}`;
};

const PROT_BITS: readonly (readonly [number, string])[] = [
  [0x01, 'r'],
  [0x02, 'w'],
  [0x04, 'x'],
];

const mmapFile: KprobeRenderer = (args, info) => {
  const file = argAt(args, 0);
  const prot = argAt(args, 1);
  if (!file || !prot) return `${eventLabel('❓', 'security_mmap_file')} ${info} `;
  const bits = uintArg(prot);
  const tag = PROT_BITS.filter(([bit]) => (bits & bit) !== 0)
    .map(([, letter]) => letter)
    .join('');
  return `${eventLabel('📝', `mmap-${tag}`)} ${info} ${filePath(file)}`;
};

function truncate(hook: string, pathOf: (arg: JsonRecord) => string): KprobeRenderer {
  return (args, info) => {
    const arg = argAt(args, 0);
    if (!arg) return `${eventLabel('❓', hook)} ${info} `;
    return `${eventLabel('📝', 'truncate')} ${info} ${pathOf(arg)}`;
  };
}

const RENDERERS: ReadonlyMap<string, KprobeRenderer> = new Map([
  ['sys_write', transfer('📝', 'write')],
  ['sys_read', transfer('📚', 'read')],
  ['fd_install', withArg('📬', 'open', 1, filePath)],
  ['sys_openat', withArg('📬️', 'openat', 1, stringArgPath)],
  ['sys_open', withArg('📬️', 'open', 1, stringArgPath)],
  ['sys_close', withArg('📪', 'close', 0, filePath)],
  ['sys_mount', sourceAndTarget('💾', 'mount')],
  ['sys_pivot_root', sourceAndTarget('💾', 'pivot_root')],
  ['sys_setuid', withArg('🔑', 'setuid', 0, (arg) => String(intArg(arg)))],
  ['sys_clock_settime', bare('⏰', 'clock_settime')],
  ['proc_exec_connector', bare('🔧', 'proc_exec_connector')],
  ['sys_setns', withArg('🔧', 'setns', 1, namespaceName)],
  ['tcp_connect', withArg('🔌', 'connect', 0, tcpSocket)],
  ['tcp_close', withArg('🧹', 'close', 0, tcpSocket)],
  [
    'tcp_sendmsg',
    (args, info) => {
      const socket = argAt(args, 0) ? tcpSocket(argAt(args, 0)) : '';
      return `${eventLabel('📤', 'sendmsg')} ${info} ${socket} bytes ${intArg(argAt(args, 1))}`;
    },
  ],
  ['bpf_check', withArg('🐝', 'bpf_load', 0, bpfProgram)],
  ['security_perf_event_alloc', withArg('🐝', 'perf_event_alloc', 0, perfEvent)],
  ['security_bpf_map_alloc', withArg('🗺', 'bpf_map_create', 0, bpfMap)],
  ['security_bpf_map_create', withArg('🗺', 'bpf_map_create', 0, bpfMap)],
  ['security_file_permission', filePermission],
  ['security_mmap_file', mmapFile],
  ['security_path_truncate', truncate('security_path_truncate', pathArgPath)],
  [
    'security_file_truncate',
    truncate('security_file_truncate', (arg) =>
      'path_arg' in arg ? pathArgPath(arg) : filePath(arg),
    ),
  ],
]);

/** The compact line of a `process_kprobe` body, minus the caps trailer. */
export function formatKprobe(body: JsonRecord, processInfo: string): string {
  const functionName = readString(body, 'function_name');
  const render = RENDERERS.get(cutSyscallPrefix(functionName));
  if (render) return render(readArray(body, 'args'), processInfo);
  // Kernel function names are trusted, so tetra prints them raw (prefix included).
  return `${eventLabel('❓', 'syscall')} ${processInfo} ${functionName}`;
}
