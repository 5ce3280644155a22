import { contentHash } from '../util/hash.ts';
import {
  FieldTypeError,
  isObject,
  optionalArray,
  optionalObject,
  optionalString,
  optionalUint,
  optionalUint64,
  type JsonObject,
} from './field-reader.ts';
import {
  COMMON_TOP_LEVEL_KEYS,
  KNOWN_EVENT_TYPES,
  type ExitInfo,
  type LossInfo,
  type ParseResult,
  type ProbeInfo,
  type ProcessSnapshot,
} from './parsed-event.ts';
import { readOptionalProcess, readProcess } from './read-process.ts';

/** Lines longer than this are rejected before JSON.parse sees them. */
export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

export interface ParseOptions {
  maxLineLength?: number;
}

/** Unknown event types are kept whatever their body; known ones must have an object body. */
function readBody(value: JsonObject, type: string): JsonObject {
  if (KNOWN_EVENT_TYPES.has(type)) return optionalObject(value, type, '$') ?? {};
  const body = value[type];
  return isObject(body) ? body : {};
}

function findEventKey(obj: JsonObject): string | undefined {
  for (const key of Object.keys(obj)) {
    if (!COMMON_TOP_LEVEL_KEYS.has(key)) return key;
  }
  return undefined;
}

function readExit(body: JsonObject, path: string, eventTime: string | undefined): ExitInfo {
  const signal = optionalString(body, 'signal', path);
  return {
    status: optionalUint(body, 'status', path) ?? 0,
    signal: signal ? signal : null,
    time: optionalString(body, 'time', path) ?? eventTime,
  };
}

function readLoss(type: string, body: JsonObject, path: string): LossInfo | undefined {
  if (type === 'rate_limit_info') {
    return {
      kind: 'rate_limit',
      dropped: optionalUint64(body, 'number_of_dropped_process_events', path) ?? 0,
      throttleType: undefined,
      cgroup: undefined,
    };
  }
  if (type === 'process_throttle') {
    return {
      kind: 'throttle',
      dropped: undefined,
      throttleType: optionalString(body, 'type', path),
      cgroup: optionalString(body, 'cgroup', path),
    };
  }
  return undefined;
}

function readProbe(type: string, body: JsonObject, path: string): ProbeInfo | undefined {
  if (type === 'process_exec' || type === 'process_exit') return undefined;
  let functionName = optionalString(body, 'function_name', path);
  if (type === 'process_tracepoint') {
    const subsys = optionalString(body, 'subsys', path);
    const event = optionalString(body, 'event', path);
    if (subsys || event) functionName = `${subsys ?? ''}/${event ?? ''}`;
  } else if (type === 'process_uprobe') {
    functionName = optionalString(body, 'symbol', path);
  } else if (type === 'process_usdt') {
    const provider = optionalString(body, 'provider', path);
    const name = optionalString(body, 'name', path);
    if (provider || name) functionName = `${provider ?? ''}:${name ?? ''}`;
  }
  return {
    functionName,
    policyName: optionalString(body, 'policy_name', path),
    action: optionalString(body, 'action', path),
  };
}

function readAncestors(body: JsonObject, path: string): ProcessSnapshot[] {
  return optionalArray(body, 'ancestors', path).map((entry, i) =>
    readProcess(entry, `${path}.ancestors[${i}]`),
  );
}

/**
 * Parses one Tetragon export line. Tolerant of what Tetragon legitimately varies
 * (unknown event types, missing optional fields, extra fields) and strict about types of
 * the fields exectree reads, so bad data is rejected with a reason instead of guessed at.
 */
export function parseLine(line: string, options: ParseOptions = {}): ParseResult {
  const maxLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const raw = line.trim();
  if (raw === '') return { kind: 'blank' };
  if (raw.length > maxLength) {
    return {
      kind: 'rejected',
      reason: `line too long: ${raw.length} characters (limit ${maxLength})`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'rejected', reason: `invalid JSON: ${message}` };
  }
  if (!isObject(value)) {
    return {
      kind: 'rejected',
      reason: `not a JSON object: got ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`,
    };
  }
  const type = findEventKey(value);
  if (type === undefined) {
    return {
      kind: 'rejected',
      reason: 'no event key: the object has only node_name, time and other common fields',
    };
  }
  try {
    const time = optionalString(value, 'time', '$');
    const node = optionalString(value, 'node_name', '$') ?? '';
    const body = readBody(value, type);
    const path = type;
    const process = readOptionalProcess(body, 'process', path);
    return {
      kind: 'event',
      event: {
        id: contentHash(raw),
        type,
        node,
        time,
        process,
        parent: readOptionalProcess(body, 'parent', path),
        ancestors: readAncestors(body, path),
        exit: type === 'process_exit' ? readExit(body, path, time) : undefined,
        loss: readLoss(type, body, path),
        probe: process ? readProbe(type, body, path) : undefined,
        raw,
      },
    };
  } catch (error) {
    if (error instanceof FieldTypeError) return { kind: 'rejected', reason: error.message };
    throw error;
  }
}
