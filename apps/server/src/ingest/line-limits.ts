import { DEFAULT_MAX_LINE_LENGTH } from './domain-parsing.ts';

/** Longest line any source accepts, in bytes (`--max-line`); longer ones are discarded unread. */
export const DEFAULT_MAX_LINE_BYTES = DEFAULT_MAX_LINE_LENGTH;

export function lineTooLong(maxBytes: number): string {
  return `line too long (limit ${maxBytes} bytes)`;
}

export const INVALID_UTF8 = 'invalid UTF-8';

/** Why a line was rejected: the three checks before parsing, or anything else (`malformed`). */
export type RejectionKind = 'too_long' | 'invalid_utf8' | 'too_deep' | 'malformed';

export function rejectionKind(reason: string): RejectionKind {
  if (reason.startsWith('line too long')) return 'too_long';
  if (reason.startsWith(INVALID_UTF8)) return 'invalid_utf8';
  if (reason.startsWith('JSON nested')) return 'too_deep';
  return 'malformed';
}

/** A line refused before parsing; its message is the reason reported for the line. */
export class LineRejection extends Error {
  override name = 'LineRejection';
}
