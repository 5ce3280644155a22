import { base64ToHex } from './base64.ts';
import { readEnvelope, readEventProcess, type EventEnvelope } from './event-envelope.ts';
import { exitDetail } from './exit-detail.ts';
import { maybeQuote } from './go-quote.ts';
import { readString, type JsonRecord } from './json-read.ts';
import { formatKprobe } from './kprobe-table.ts';
import { eventLabel } from './label.ts';
import { readProcessInfo, withCapsTrailer } from './process-info.ts';
import { compactTimestamp } from './timestamp.ts';
import { formatTracepoint } from './tracepoint-line.ts';

export interface CompactOptions {
  /** Prefix the line with the event time, like `tetra getevents --timestamps`. */
  readonly timestamps: boolean;
}

function throttleLine(body: JsonRecord): string {
  const type = body['type'];
  const state =
    type === 'THROTTLE_START' || type === 1
      ? 'START'
      : type === 'THROTTLE_STOP' || type === 2
        ? 'STOP '
        : '';
  return `${eventLabel('🧬', 'throttle')} ${state} ${maybeQuote(readString(body, 'cgroup'))}`;
}

function loaderLine(body: JsonRecord, info: string): string {
  const buildId = base64ToHex(readString(body, 'buildid')) ?? '';
  const path = maybeQuote(readString(body, 'path'));
  return `${eventLabel('🧬', 'loader')} ${info} ${buildId === '' ? '' : `${buildId} `}${path}`;
}

/** The line of an event that carries a process, minus the caps trailer. */
function processLine(envelope: EventEnvelope, info: string): string | undefined {
  const { body } = envelope;
  const args = () => maybeQuote(readString(readEventProcess(envelope), 'arguments'));
  switch (envelope.kind) {
    case 'process_exec':
      return `${eventLabel('🚀', 'process')} ${info} ${args()}`;
    case 'process_exit':
      return `${eventLabel('💥', 'exit')} ${info} ${args()} ${exitDetail(body)}`;
    case 'process_loader':
      return loaderLine(body, info);
    case 'process_kprobe':
      return formatKprobe(body, info);
    case 'process_tracepoint':
      return formatTracepoint(body, info);
    case 'process_uprobe': {
      const path = maybeQuote(readString(body, 'path'));
      return `${eventLabel('🕵️', 'uprobe')} ${info} ${path} ${maybeQuote(readString(body, 'symbol'))}`;
    }
    case 'process_lsm':
      return `${eventLabel('🔒', 'LSM')} ${info} ${readString(body, 'function_name')}`;
    case 'process_usdt': {
      const probe = ['path', 'provider', 'name'].map((key) => maybeQuote(readString(body, key)));
      return `${eventLabel('🕵️', 'usdt')} ${info} ${probe.join(' ')}`;
    }
    default:
      return undefined;
  }
}

function eventLine(envelope: EventEnvelope): string | undefined {
  if (envelope.kind === 'test') return 'TEST EVENT';
  if (envelope.kind === 'process_throttle') return throttleLine(envelope.body);
  const process = readEventProcess(envelope);
  // tetra refuses (prints nothing for) events whose process is missing.
  if (!process) return undefined;
  const info = readProcessInfo(envelope.nodeName, process);
  const line = processLine(envelope, info.text);
  return line === undefined ? undefined : withCapsTrailer(line, info.caps);
}

/**
 * The line `tetra getevents -o compact --color never` prints for one parsed export line,
 * or undefined when tetra prints nothing for it (unknown event type, missing process).
 * Never throws: mistyped fields read as absent.
 */
export function formatCompact(event: unknown, options: CompactOptions): string | undefined {
  const envelope = readEnvelope(event);
  if (!envelope) return undefined;
  const line = eventLine(envelope);
  if (line === undefined || !options.timestamps) return line;
  return `${compactTimestamp(envelope.time)} ${line}`;
}
