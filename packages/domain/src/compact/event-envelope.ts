import { asRecord, readRecord, readString, type JsonRecord } from './json-read.ts';

/** The `GetEventsResponse` oneof keys the compact encoder knows how to print. */
export const COMPACT_EVENT_KINDS = [
  'process_exec',
  'process_exit',
  'process_kprobe',
  'process_tracepoint',
  'process_loader',
  'process_uprobe',
  'process_throttle',
  'process_lsm',
  'process_usdt',
  'test',
] as const;

export type CompactEventKind = (typeof COMPACT_EVENT_KINDS)[number];

export interface EventEnvelope {
  readonly kind: CompactEventKind;
  readonly body: JsonRecord;
  readonly nodeName: string;
  readonly time: string;
}

const KNOWN_KINDS: ReadonlySet<string> = new Set(COMPACT_EVENT_KINDS);

function isKnownKind(key: string): key is CompactEventKind {
  return KNOWN_KINDS.has(key);
}

/**
 * The printable event of one export line, or undefined when the line holds none (unknown
 * or enterprise-only keys such as `process_connect`, `rate_limit_info`, or a null body).
 */
export function readEnvelope(event: unknown): EventEnvelope | undefined {
  const line = asRecord(event);
  if (!line) return undefined;
  for (const key of Object.keys(line)) {
    if (!isKnownKind(key)) continue;
    const body = readRecord(line, key);
    if (!body) continue;
    return {
      kind: key,
      body,
      nodeName: readString(line, 'node_name'),
      time: readString(line, 'time'),
    };
  }
  return undefined;
}

/** The event's `process`, as tetra's filters and encoder see it (throttle/test have none). */
export function readEventProcess(envelope: EventEnvelope): JsonRecord | undefined {
  if (envelope.kind === 'process_throttle' || envelope.kind === 'test') return undefined;
  return readRecord(envelope.body, 'process');
}
