import type {
  FieldSchema,
  MessageSchema,
  ProtoSchema,
  ScalarType,
  ValueType,
} from './proto-schema.ts';
import { formatTimestamp } from './timestamp.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export class ConversionError extends Error {
  override name = 'ConversionError';
}

const TIMESTAMP = 'google.protobuf.Timestamp';
const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map(
    (kind) => `google.protobuf.${kind}Value`,
  ),
);
const INT64: ReadonlySet<ScalarType> = new Set([
  'int64',
  'uint64',
  'sint64',
  'fixed64',
  'sfixed64',
]);

/**
 * Turns a message as @grpc/proto-loader decodes it (keepCase, longs: String, enums: String,
 * defaults: false, oneofs: true) into the object Tetragon's JSON exporter writes for it
 * (protojson with proto names): wrappers unwrapped, Timestamps as RFC 3339, 64-bit integers
 * as strings, bytes as base64, enums by name, proto3 defaults left out, fields in
 * declaration order so that the event key comes first.
 */
export function toExportJson(schema: ProtoSchema, typeName: string, message: unknown): JsonObject {
  return convertMessage(schema, messageSchema(schema, typeName), message, typeName);
}

function messageSchema(schema: ProtoSchema, name: string): MessageSchema {
  const found = schema.messages.get(name);
  if (!found) throw new ConversionError(`unknown message type ${name}`);
  return found;
}

function convertMessage(
  schema: ProtoSchema,
  type: MessageSchema,
  value: unknown,
  path: string,
): JsonObject {
  const record = asRecord(value, path);
  // A set oneof member is written even when it holds its default (e.g. "return":{"int_arg":0}).
  const setMembers = new Set(type.oneofs.map((oneof) => record[oneof]));
  const out: JsonObject = {};
  for (const field of type.fields) {
    const raw = record[field.name];
    if (raw === undefined || raw === null) continue;
    const json = convertField(
      schema,
      field,
      raw,
      setMembers.has(field.name),
      `${path}.${field.name}`,
    );
    if (json !== undefined) out[field.name] = json;
  }
  return out;
}

function convertField(
  schema: ProtoSchema,
  field: FieldSchema,
  raw: unknown,
  hasPresence: boolean,
  path: string,
): JsonValue | undefined {
  if (field.mapKey !== undefined) return convertMap(schema, field.mapKey, field.value, raw, path);
  if (field.repeated) {
    if (!Array.isArray(raw)) throw new ConversionError(`${path}: expected a list`);
    if (raw.length === 0) return undefined;
    return raw.map((item, index) => convertValue(schema, field.value, item, `${path}[${index}]`));
  }
  const explicit = hasPresence || field.value.kind === 'message';
  if (!explicit && isDefault(schema, field.value, raw)) return undefined;
  return convertValue(schema, field.value, raw, path);
}

function convertMap(
  schema: ProtoSchema,
  keyType: ScalarType,
  valueType: ValueType,
  raw: unknown,
  path: string,
): JsonObject | undefined {
  const entries = Object.entries(asRecord(raw, path));
  if (entries.length === 0) return undefined;
  const numeric = keyType !== 'string' && keyType !== 'bool';
  entries.sort(([a], [b]) => (numeric ? compareIntegers(a, b) : a < b ? -1 : a > b ? 1 : 0));
  const out: JsonObject = {};
  for (const [key, item] of entries) {
    out[key] = convertValue(schema, valueType, item, `${path}[${key}]`);
  }
  return out;
}

function compareIntegers(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function convertValue(schema: ProtoSchema, type: ValueType, raw: unknown, path: string): JsonValue {
  switch (type.kind) {
    case 'scalar':
      return convertScalar(type.scalar, raw, path);
    case 'enum':
      return convertEnum(schema, type.enumName, raw, path);
    case 'message':
      return convertMessageValue(schema, type.messageName, raw, path);
  }
}

function convertMessageValue(
  schema: ProtoSchema,
  name: string,
  raw: unknown,
  path: string,
): JsonValue {
  if (name === TIMESTAMP) {
    const record = asRecord(raw, path);
    const seconds = record.seconds ?? '0';
    const nanos = record.nanos ?? 0;
    if ((typeof seconds !== 'string' && typeof seconds !== 'number') || typeof nanos !== 'number') {
      throw new ConversionError(`${path}: malformed Timestamp`);
    }
    try {
      return formatTimestamp(seconds, nanos);
    } catch (error) {
      throw new ConversionError(`${path}: ${error instanceof Error ? error.message : error}`);
    }
  }
  const type = messageSchema(schema, name);
  if (WRAPPERS.has(name)) {
    // An empty wrapper on the wire means its default, and protojson still writes it.
    const inner = type.fields[0];
    if (inner?.value.kind !== 'scalar') throw new ConversionError(`${path}: malformed ${name}`);
    const value = asRecord(raw, path).value;
    return value === undefined || value === null
      ? defaultScalar(inner.value.scalar)
      : convertScalar(inner.value.scalar, value, path);
  }
  return convertMessage(schema, type, raw, path);
}

function convertScalar(scalar: ScalarType, raw: unknown, path: string): JsonValue {
  if (INT64.has(scalar)) {
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'bigint') {
      return String(raw);
    }
  } else if (scalar === 'double' || scalar === 'float') {
    if (typeof raw === 'number') return Number.isFinite(raw) ? raw : String(raw);
  } else if (scalar === 'bytes') {
    if (raw instanceof Uint8Array) {
      return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64');
    }
    if (typeof raw === 'string') return raw;
  } else if (scalar === 'string') {
    if (typeof raw === 'string') return raw;
  } else if (scalar === 'bool') {
    if (typeof raw === 'boolean') return raw;
  } else if (typeof raw === 'number' && Number.isInteger(raw)) {
    return raw;
  }
  throw new ConversionError(`${path}: expected ${scalar}, got ${typeof raw}`);
}

function convertEnum(schema: ProtoSchema, name: string, raw: unknown, path: string): JsonValue {
  if (typeof raw === 'string') return raw;
  // A number the .proto does not name: protojson writes the number.
  if (typeof raw === 'number') return schema.enums.get(name)?.namesByNumber.get(raw) ?? raw;
  throw new ConversionError(`${path}: expected an enum value, got ${typeof raw}`);
}

function defaultScalar(scalar: ScalarType): JsonValue {
  if (INT64.has(scalar)) return '0';
  if (scalar === 'string' || scalar === 'bytes') return '';
  if (scalar === 'bool') return false;
  return 0;
}

function isDefault(schema: ProtoSchema, type: ValueType, raw: unknown): boolean {
  if (type.kind === 'enum') {
    return raw === 0 || raw === schema.enums.get(type.enumName)?.namesByNumber.get(0);
  }
  if (type.kind !== 'scalar') return false;
  if (raw instanceof Uint8Array) return raw.length === 0;
  if (typeof raw === 'number') return raw === 0 && !Object.is(raw, -0);
  if (typeof raw === 'bigint') return raw === 0n;
  return raw === '' || raw === false || (INT64.has(type.scalar) && raw === '0');
}

function asRecord(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConversionError(`${path}: expected a message`);
  }
  return value as Record<string, unknown>;
}
