/**
 * Typed reads of untrusted JSON. A wrong type is an error naming the JSON path, so a
 * line with `"pid": "12"` is rejected with a reason instead of poisoning the tree.
 */
export class FieldTypeError extends Error {}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new FieldTypeError(`${path}: expected ${expected}, got ${describeType(value)}`);
}

export function optionalString(obj: JsonObject, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(`${path}.${key}`, 'a string', value);
  return value;
}

export function optionalUint(obj: JsonObject, key: string, path: string): number | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(`${path}.${key}`, 'a non-negative integer', value);
  }
  return value;
}

/** uint64 fields arrive as JSON strings; older producers sometimes wrote numbers. */
export function optionalUint64(obj: JsonObject, key: string, path: string): number | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return Number(value);
  return fail(`${path}.${key}`, 'an unsigned integer string', value);
}

export function optionalBool(obj: JsonObject, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') fail(`${path}.${key}`, 'a boolean', value);
  return value;
}

export function optionalObject(obj: JsonObject, key: string, path: string): JsonObject | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail(`${path}.${key}`, 'an object', value);
  return value;
}

export function optionalArray(obj: JsonObject, key: string, path: string): unknown[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(`${path}.${key}`, 'an array', value);
  return value;
}

export function stringMap(obj: JsonObject, key: string, path: string): Record<string, string> {
  const value = optionalObject(obj, key, path);
  const result: Record<string, string> = {};
  if (!value) return result;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') fail(`${path}.${key}.${k}`, 'a string', v);
    result[k] = v;
  }
  return result;
}
