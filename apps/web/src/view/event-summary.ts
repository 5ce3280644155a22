/**
 * One line per raw Tetragon event for the detail panel: what kind of event, when, which
 * hook and policy, and tetra's compact rendering of it. Events are untrusted JSON: every
 * field is read defensively and returned as plain text.
 */
import { formatCompact } from '@exectree/domain';

export interface EventSummary {
  /** The event key, e.g. "process_kprobe". */
  type: string;
  /** Short label, e.g. "kprobe". */
  kind: string;
  time: string | null;
  /** Hooked function, tracepoint or symbol. */
  hook: string | null;
  policy: string | null;
  /** tetra's compact line, or a fallback. */
  summary: string;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(record: Json, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function hookOf(type: string, body: Json): string | null {
  if (type === 'process_tracepoint') {
    const subsys = text(body, 'subsys');
    const event = text(body, 'event');
    return subsys && event ? `${subsys}/${event}` : (event ?? subsys);
  }
  if (type === 'process_uprobe') return text(body, 'symbol');
  if (type === 'process_usdt') return text(body, 'name');
  return text(body, 'function_name');
}

export function summarizeEvent(event: unknown): EventSummary {
  if (!isRecord(event)) {
    return { type: 'unknown', kind: 'unknown', time: null, hook: null, policy: null, summary: '' };
  }
  const type =
    Object.keys(event).find((k) => k.startsWith('process_') || k === 'test') ?? 'unknown';
  const body = isRecord(event[type]) ? (event[type] as Json) : {};
  const kind = type.replace(/^process_/, '');
  let summary: string | undefined;
  try {
    summary = formatCompact(event, { timestamps: false });
  } catch {
    summary = undefined;
  }
  // tetra leads with an emoji per event kind; the kind is shown as its own label.
  const line = summary?.replace(/^\p{Extended_Pictographic}\uFE0F?\s*/u, '');
  return {
    type,
    kind,
    time: text(event, 'time') ?? text(body, 'time'),
    hook: hookOf(type, body),
    policy: text(body, 'policy_name'),
    summary: line ?? type,
  };
}
