/** A google.protobuf.Timestamp as proto-loader hands it over (`longs: String`). */
export interface ProtoTimestamp {
  seconds: string;
  nanos: number;
}

// protojson only accepts years 0001 to 9999.
const MIN_SECONDS = -62_135_596_800;
const MAX_SECONDS = 253_402_300_799;
const MAX_NANOS = 999_999_999;

/**
 * RFC 3339 in UTC as protojson writes it: the shortest of 0, 3, 6 or 9 fraction digits that
 * is exact, then `Z`.
 */
export function formatTimestamp(seconds: string | number, nanos: number): string {
  const secs = Number(seconds);
  if (!Number.isSafeInteger(secs) || secs < MIN_SECONDS || secs > MAX_SECONDS) {
    throw new RangeError(`timestamp seconds out of range: ${seconds}`);
  }
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > MAX_NANOS) {
    throw new RangeError(`timestamp nanos out of range: ${nanos}`);
  }
  const whole = new Date(secs * 1000).toISOString().slice(0, 19);
  return `${whole}${fraction(nanos)}Z`;
}

function fraction(nanos: number): string {
  if (nanos === 0) return '';
  const digits = String(nanos).padStart(9, '0');
  if (nanos % 1_000_000 === 0) return `.${digits.slice(0, 3)}`;
  if (nanos % 1_000 === 0) return `.${digits.slice(0, 6)}`;
  return `.${digits}`;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

/** The inverse of formatTimestamp; also accepts offsets and any number of fraction digits. */
export function parseTimestamp(text: string): ProtoTimestamp {
  const match = RFC3339.exec(text);
  const [, date, time, digits = '', zone = 'Z'] = match ?? [];
  const millis = Date.parse(`${date}T${time}${zone.toUpperCase()}`);
  if (!match || Number.isNaN(millis)) throw new RangeError(`not an RFC 3339 timestamp: ${text}`);
  const seconds = millis / 1000;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new RangeError(`timestamp out of range: ${text}`);
  }
  return { seconds: String(seconds), nanos: Number(digits.padEnd(9, '0')) };
}
