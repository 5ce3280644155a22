/**
 * Tetragon timestamps are RFC 3339 strings with 0, 3, 6 or 9 fractional digits. JS Date
 * drops nanoseconds, so ordering uses a fixed-width key instead.
 */
const RFC3339 =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

/** A string that sorts like the instant it names; "" for anything unparseable. */
export function timeKey(time: string | undefined | null): string {
  if (!time) return '';
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
