/**
 * PostgreSQL text cannot hold U+0000, which a Tetragon string may carry. Values are stored
 * with U+0000 as U+0001 U+0001 and U+0001 as U+0001 U+0002: reversible, and it keeps the
 * order of strings, which the merges compare.
 */
const NUL = String.fromCharCode(0);
const SOH = String.fromCharCode(1);
const STX = String.fromCharCode(2);

export function toPgText(value: string): string {
  return value.includes(NUL) || value.includes(SOH)
    ? value.replaceAll(SOH, SOH + STX).replaceAll(NUL, SOH + SOH)
    : value;
}

export function fromPgText(value: string): string {
  if (!value.includes(SOH)) return value;
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] ?? '';
    if (char !== SOH) {
      out += char;
      continue;
    }
    i += 1;
    out += value[i] === SOH ? NUL : SOH;
  }
  return out;
}

export function toPgTextOrNull(value: string | undefined | null): string | null {
  return value === undefined || value === null ? null : toPgText(value);
}

export function fromPgTextOrUndefined(value: string | null): string | undefined {
  return value === null ? undefined : fromPgText(value);
}
