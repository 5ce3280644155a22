/** Minimal typed view of export lines, for assertions in tests. */

export interface ContainerJson {
  id?: string;
  name?: string;
  pid?: number;
  maybe_exec_probe?: boolean;
}

export interface PodJson {
  namespace?: string;
  name?: string;
  container?: ContainerJson;
  workload_kind?: string;
}

export interface ProcessJson {
  exec_id?: string;
  pid?: number;
  uid?: number;
  binary?: string;
  arguments?: string;
  flags?: string;
  start_time?: string;
  pod?: PodJson;
  docker?: string;
  parent_exec_id?: string;
  refcnt?: number;
  tid?: number;
  in_init_tree?: boolean;
}

export interface EventJson {
  process?: ProcessJson;
  parent?: ProcessJson;
  status?: number;
  signal?: string;
  function_name?: string;
  type?: string;
  number_of_dropped_process_events?: string;
}

export interface ParsedLine {
  key: string;
  keys: string[];
  node: string;
  time: string;
  event: EventJson;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a line and checks the envelope; throws on anything that is not a well-formed event. */
export function parseEvent(line: string): ParsedLine {
  const value: unknown = JSON.parse(line);
  if (!isObject(value)) throw new Error('not an object');
  const keys = Object.keys(value);
  const key = keys[0] ?? '';
  const body = value[key];
  const node = value['node_name'];
  const time = value['time'];
  if (!isObject(body)) throw new Error('event body is not an object');
  if (typeof node !== 'string' || typeof time !== 'string') throw new Error('bad node_name/time');
  return { key, keys, node, time, event: body as EventJson };
}

/** Like parseEvent, but undefined for malformed lines (also checks a few field types). */
export function tryParseEvent(line: string): ParsedLine | undefined {
  try {
    const parsed = parseEvent(line);
    const pid = parsed.event.process?.pid;
    if (pid !== undefined && typeof pid !== 'number') return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

/** Nanoseconds since the epoch of an RFC 3339 UTC timestamp, exactly. */
export function timeNs(time: string): bigint {
  const match = /^(.{19})(?:\.(\d{1,9}))?Z$/.exec(time);
  if (match === null) throw new Error(`bad timestamp ${time}`);
  const [, clock = '', fraction = ''] = match;
  const seconds = BigInt(Date.parse(clock + 'Z') / 1000);
  return seconds * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'));
}

export function hasFlag(p: ProcessJson | undefined, flag: string): boolean {
  return (p?.flags ?? '').split(' ').includes(flag);
}
