/**
 * Text formatting for attacker-controlled strings and times. Everything here returns plain
 * strings that React renders as text; nothing is ever interpreted as markup.
 */
import { timeKey, timeMs } from '@exectree/domain';

export function basename(path: string): string {
  const trimmed = path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path;
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? trimmed.slice(slash + 1) || trimmed : trimmed;
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return '';
  return slash === 0 ? '/' : path.slice(0, slash + 1);
}

// C0/C1 controls, DEL, and the bidi controls that can make text read differently than it is
// ("Trojan Source"): shown as escapes so a binary name cannot spoof another one.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Cuts to at most `max` characters, marking the cut with an ellipsis. */
export function truncateEnd(text: string, max: number): string {
  if (max <= 0) return '';
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** Keeps both ends (for ids and paths): "a2luZC1j…MTU4Mw==". */
export function truncateMiddle(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  if (max <= 1) return '…';
  const head = Math.ceil((max - 1) / 2);
  const tail = Math.floor((max - 1) / 2);
  return chars.slice(0, head).join('') + '…' + (tail > 0 ? chars.slice(-tail).join('') : '');
}

/**
 * Splits a generated name so CSS can ellipsize the middle and keep the distinguishing end:
 * "storefront-7mqtwkvzrq-cppt4" → ["storefront-7mqtwkvzrq", "-cppt4"].
 */
export function splitNameTail(name: string, maxTail = 12): [string, string] {
  const dash = name.lastIndexOf('-');
  if (dash > 0 && name.length - dash <= maxTail) return [name.slice(0, dash), name.slice(dash)];
  if (name.length > maxTail * 2) return [name.slice(0, -6), name.slice(-6)];
  return [name, ''];
}

/** "2022-05-11 12:54:45.615 UTC", keeping the precision the source had (up to ns). */
export function formatTimestamp(time: string | null | undefined): string {
  if (!time) return '—';
  const key = timeKey(time);
  if (!key) return printable(time);
  const fraction = (/\.(\d{1,9})/.exec(time)?.[1] ?? '').length;
  const date = key.slice(0, 10);
  const clock = key.slice(11, 19);
  const digits = key.slice(20, 20 + fraction);
  return `${date} ${clock}${digits ? '.' + digits : ''} UTC`;
}

/** Human duration between two RFC 3339 times; null when either is missing. */
export function formatDuration(
  start: string | null | undefined,
  end: string | null | undefined,
): string | null {
  const a = timeMs(start);
  const b = timeMs(end);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return formatMs(Math.max(0, b - a));
}

export function formatMs(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${Math.floor(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** "3m ago" relative to `now`; for list metadata, not for forensic display. */
export function formatAgo(time: string | null | undefined, now: number): string | null {
  const t = timeMs(time);
  if (Number.isNaN(t)) return null;
  const seconds = Math.max(0, now - t) / 1000;
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${Math.floor(seconds)}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Container ids come as "containerd://<64 hex>"; the runtime prefix and 12 chars suffice. */
export function shortContainerId(id: string): string {
  const bare = id.replace(/^[a-z]+:\/\//, '');
  return bare.slice(0, 12);
}
