/**
 * Tetragon's "YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ" timestamps held as two small integers
 * (seconds since 2020, nanoseconds) instead of a 30-character string: the tree keeps
 * several per process. Any other text, an impossible date, or a time outside 1986–2053
 * (seconds that would not fit V8's small integers) is kept as the text itself. Packing
 * then unpacking gives back the exact text.
 */

import { isCanonicalTime } from './time.ts';

/** Seconds since 2020, or the text when it does not pack; undefined for no time. */
export type PackedSeconds = number | string | undefined;

/** V8 keeps integers within ±(2^30 - 1) unboxed on every build. */
const MAX_SMALL = 2 ** 30 - 1;
const EPOCH = Date.UTC(2020, 0, 1) / 1000;
const DAY = 86_400;

/** Digits at text[from, from + length), or -1 when one is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function packSeconds(text: string | undefined | null): PackedSeconds {
  if (text === undefined || text === null) return undefined;
  if (!isCanonicalTime(text)) return text;
  const [year, month, day] = [digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)];
  const [hour, minute, second] = [digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2)];
  // isCanonicalTime saw only digits here, so just the ranges are left to check. Date.UTC
  // reads years 0-99 as 1900-1999, so those stay text.
  const valid =
    year >= 100 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!valid) return text;
  const seconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - EPOCH;
  return seconds >= -MAX_SMALL && seconds <= MAX_SMALL ? seconds : text;
}

/** The nanoseconds of a time that packs (see packSeconds); 0 otherwise. */
export function packNanos(text: string | undefined | null): number {
  return text && text.length === 30 ? Math.max(0, digits(text, 20, 9)) : 0;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Year, month and day of a day count since 1970 (the civil-from-days algorithm). */
function civil(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function unpackTime(seconds: PackedSeconds, nanos: number): string | undefined {
  if (typeof seconds !== 'number') return seconds;
  const total = seconds + EPOCH;
  const days = Math.floor(total / DAY);
  const inDay = total - days * DAY;
  const [year, month, day] = civil(days);
  const clock = `${pad(Math.floor(inDay / 3600), 2)}:${pad(Math.floor(inDay / 60) % 60, 2)}:${pad(inDay % 60, 2)}`;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${clock}.${pad(nanos, 9)}Z`;
}
