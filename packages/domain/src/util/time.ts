/**
 * Tetragon timestamps are RFC 3339 strings with 0, 3, 6 or 9 fractional digits. JS Date
 * drops nanoseconds, so ordering uses a fixed-width key instead.
 */
const RFC3339 =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

const CANONICAL_LENGTH = '2026-01-01T00:00:00.000000000Z'.length;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * "YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ", the shape Tetragon writes, is its own key. Checked char
 * by char because timeKey runs several times per event and a regex match allocates.
 */
export function isCanonicalTime(time: string): boolean {
  if (time.length !== CANONICAL_LENGTH) return false;
  for (let i = 0; i < CANONICAL_LENGTH; i++) {
    const code = time.charCodeAt(i);
    const ok =
      i === 4 || i === 7
        ? code === 45 // -
        : i === 10
          ? code === 84 // T
          : i === 13 || i === 16
            ? code === 58 // :
            : i === 19
              ? code === 46 // .
              : i === 29
                ? code === 90 // Z
                : isDigit(code);
    if (!ok) return false;
  }
  return true;
}

/** A string that sorts like the instant it names; "" for anything unparseable. */
export function timeKey(time: string | undefined | null): string {
  if (!time) return '';
  if (isCanonicalTime(time)) return time;
  const m = RFC3339.exec(time);
  if (!m) return '';
  const [, date, clock, fraction = '', zone] = m;
  const nanos = fraction.padEnd(9, '0');
  if (zone === 'Z' || zone === 'z') return `${date}T${clock}.${nanos}Z`;
  const ms = Date.parse(`${date}T${clock}${zone}`);
  if (Number.isNaN(ms)) return '';
  return `${new Date(ms).toISOString().slice(0, 19)}.${nanos}Z`;
}

export function compareTime(a: string | undefined | null, b: string | undefined | null): number {
  if (a === b) return 0;
  const ka = timeKey(a);
  const kb = timeKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Milliseconds since the epoch (sub-millisecond digits dropped), NaN when unparseable. */
export function timeMs(time: string | undefined | null): number {
  const key = timeKey(time);
  return key ? Date.parse(key.slice(0, 23) + 'Z') : Number.NaN;
}

/** Orders by instant, then by the text, so equal instants written differently still sort one way. */
export function compareTimeText(a: string, b: string): number {
  const order = compareTime(a, b);
  return order !== 0 ? order : a < b ? -1 : a > b ? 1 : 0;
}
