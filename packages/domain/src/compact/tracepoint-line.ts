import {
  readArray,
  readInteger,
  readIntegerText,
  readRecord,
  readString,
  type JsonRecord,
} from './json-read.ts';
import { argAt } from './kprobe-args.ts';
import { eventLabel } from './label.ts';
import { x64SyscallName } from './syscall-names-x64.ts';

/** tetra resolves ids with the ABI of the machine it runs on; exectree assumes amd64. */
const DEFAULT_ABI = 'x64';

/** The syscall named by a `raw_syscalls/sys_enter` event: `long_arg` id or `syscall_id`. */
function rawSyscallName(args: readonly unknown[]): string {
  const first = argAt(args, 0);
  const longId = readIntegerText(first, 'long_arg');
  const syscallId = readRecord(first, 'syscall_id');
  let id = -1;
  let abi = DEFAULT_ABI;
  if (longId !== undefined) {
    id = Number(longId);
  } else if (syscallId) {
    id = readInteger(syscallId, 'id');
    abi = readString(syscallId, 'abi');
  }
  const name = abi === DEFAULT_ABI ? x64SyscallName(id) : undefined;
  return name ?? 'unknown';
}

/** The compact line of a `process_tracepoint` body, minus the caps trailer. */
export function formatTracepoint(body: JsonRecord, processInfo: string): string {
  const subsys = readString(body, 'subsys');
  const event = readString(body, 'event');
  if (subsys === 'raw_syscalls' && event === 'sys_enter') {
    // tetra's format has two spaces after the telephone glyph.
    const name = rawSyscallName(readArray(body, 'args'));
    return `${eventLabel('☎ ', 'syscall')} ${processInfo} ${name}`;
  }
  return `${eventLabel('⁉️', 'tracepoint')} ${processInfo} ${subsys} ${event}`;
}
