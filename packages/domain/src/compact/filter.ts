import { readEnvelope, readEventProcess } from './event-envelope.ts';
import { readRecord, readString } from './json-read.ts';

/**
 * tetra's `--namespace/--pod/--process` filters. Each non-empty list must match (AND);
 * entries of one list are alternatives (OR). An empty filter keeps every event.
 */
export interface CompactFilter {
  /** Exact pod namespaces; "" stands for host processes (tetra's `--host`). */
  readonly namespaces: readonly string[];
  /** Pod name patterns. */
  readonly pods: readonly RegExp[];
  /** Binary path patterns. */
  readonly binaries: readonly RegExp[];
}

export function isEmptyCompactFilter(filter: CompactFilter): boolean {
  return filter.namespaces.length + filter.pods.length + filter.binaries.length === 0;
}

export function matchesCompactFilter(event: unknown, filter: CompactFilter): boolean {
  if (isEmptyCompactFilter(filter)) return true;
  const envelope = readEnvelope(event);
  const process = envelope ? readEventProcess(envelope) : undefined;
  // Like tetra's filters, events without a process (throttle) never match a criterion.
  if (!process) return false;
  const pod = readRecord(process, 'pod');
  if (filter.namespaces.length > 0) {
    const namespace = pod ? readString(pod, 'namespace') : '';
    if (!filter.namespaces.includes(namespace)) return false;
  }
  if (filter.pods.length > 0) {
    if (!pod) return false;
    const name = readString(pod, 'name');
    if (!filter.pods.some((pattern) => pattern.test(name))) return false;
  }
  if (filter.binaries.length > 0) {
    const binary = readString(process, 'binary');
    if (!filter.binaries.some((pattern) => pattern.test(binary))) return false;
  }
  return true;
}

const LEADING_FLAGS = /^\(\?([ims]+)\)/;

/**
 * Compiles a tetra (Go RE2) filter pattern as an unanchored JS RegExp. A leading
 * `(?i)`-style group, common in RE2 patterns, becomes JS flags. Throws SyntaxError.
 */
export function compileFilterPattern(pattern: string): RegExp {
  const flags = LEADING_FLAGS.exec(pattern);
  if (!flags?.[1]) return new RegExp(pattern);
  const jsFlags = [...new Set(flags[1])].join('');
  return new RegExp(pattern.slice(flags[0].length), jsFlags);
}
