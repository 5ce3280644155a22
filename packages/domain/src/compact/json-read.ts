/**
 * Lenient reads of one parsed export line. The compact printer must never throw, so a
 * field of the wrong type reads as absent (Go's zero value) instead of failing the line.
 */
export type JsonRecord = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonRecord)
    : undefined;
}

export function readRecord(obj: JsonRecord | undefined, key: string): JsonRecord | undefined {
  return asRecord(obj?.[key]);
}

/** A proto3 string: absent, null or mistyped reads as "". */
export function readString(obj: JsonRecord | undefined, key: string): string {
  const value = obj?.[key];
  return typeof value === 'string' ? value : '';
}

export function readArray(obj: JsonRecord | undefined, key: string): readonly unknown[] {
  const value = obj?.[key];
  return Array.isArray(value) ? value : [];
}

const INTEGER_TEXT = /^-?\d{1,20}$/;

/**
 * A 32/64-bit integer as decimal text. protojson writes int64/uint64 as JSON strings and
 * accepts quoted 32-bit numbers too, so both spellings are read; anything else is absent.
 */
export function readIntegerText(obj: JsonRecord | undefined, key: string): string | undefined {
  const value = obj?.[key];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return String(BigInt(value));
  return undefined;
}

/** A 32-bit integer field as a number; absent or mistyped reads as 0 (Go's zero value). */
export function readInteger(obj: JsonRecord | undefined, key: string): number {
  const text = readIntegerText(obj, key);
  return text === undefined ? 0 : Number(text);
}
