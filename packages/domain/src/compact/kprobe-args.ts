import { maybeQuote } from './go-quote.ts';
import {
  asRecord,
  readInteger,
  readIntegerText,
  readRecord,
  readString,
  type JsonRecord,
} from './json-read.ts';

/** `args[index]` when it is a present argument object (tetra's `len(args) > i && args[i] != nil`). */
export function argAt(args: readonly unknown[], index: number): JsonRecord | undefined {
  return asRecord(args[index]);
}

export function filePath(arg: JsonRecord | undefined): string {
  return maybeQuote(readString(readRecord(arg, 'file_arg'), 'path'));
}

export function pathArgPath(arg: JsonRecord | undefined): string {
  return maybeQuote(readString(readRecord(arg, 'path_arg'), 'path'));
}

/** A `string_arg` holding a path (openat filename, mount source/target). */
export function stringArgPath(arg: JsonRecord | undefined): string {
  return maybeQuote(readString(arg, 'string_arg'));
}

export function intArg(arg: JsonRecord | undefined): number {
  return readInteger(arg, 'int_arg');
}

export function uintArg(arg: JsonRecord | undefined): number {
  return readInteger(arg, 'uint_arg');
}

export function sizeArgText(arg: JsonRecord | undefined): string {
  return readIntegerText(arg, 'size_arg') ?? '0';
}

/** `tcp saddr:sport -> daddr:dport`; a missing sock reads as zero values rather than failing. */
export function tcpSocket(arg: JsonRecord | undefined): string {
  const sock = readRecord(arg, 'sock_arg');
  const saddr = readString(sock, 'saddr');
  const daddr = readString(sock, 'daddr');
  return `tcp ${saddr}:${readInteger(sock, 'sport')} -> ${daddr}:${readInteger(sock, 'dport')}`;
}

export function bpfProgram(arg: JsonRecord | undefined): string {
  const attr = readRecord(arg, 'bpf_attr_arg');
  const type = readString(attr, 'ProgType');
  const name = readString(attr, 'ProgName');
  return `${type} ${name} instruction count ${readInteger(attr, 'InsnCnt')}`;
}

export function perfEvent(arg: JsonRecord | undefined): string {
  const perf = readRecord(arg, 'perf_event_arg');
  return `${readString(perf, 'Type')} ${readString(perf, 'KprobeFunc')}`;
}

export function bpfMap(arg: JsonRecord | undefined): string {
  const map = readRecord(arg, 'bpf_map_arg');
  const sizes = [
    `key size ${readInteger(map, 'KeySize')}`,
    `value size ${readInteger(map, 'ValueSize')}`,
    `max entries ${readInteger(map, 'MaxEntries')}`,
  ];
  return `${readString(map, 'MapType')} ${readString(map, 'MapName')} ${sizes.join(' ')}`;
}

const NAMESPACE_BY_CLONE_FLAG: ReadonlyMap<number, string> = new Map([
  [0, 'any'],
  [0x2000000, 'cgroup'],
  [0x8000000, 'ipc'],
  [0x40000000, 'net'],
  [0x20000, 'mnt'],
  [0x20000000, 'pid'],
  [0x80, 'time'],
  [0x10000000, 'user'],
  [0x4000000, 'uts'],
]);

/** setns(2)'s nstype as a namespace name; unknown values print as "" like tetra's map lookup. */
export function namespaceName(arg: JsonRecord | undefined): string {
  return NAMESPACE_BY_CLONE_FLAG.get(intArg(arg)) ?? '';
}
