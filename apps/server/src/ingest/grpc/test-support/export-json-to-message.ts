import type { MessageSchema, ProtoSchema, ValueType } from '../proto-schema.ts';
import { parseTimestamp } from '../timestamp.ts';

export interface ToMessageResult {
  /** An object proto-loader's serializer accepts (Type.fromObject). */
  message: Record<string, unknown>;
  /** JSON paths of keys the .proto subset does not declare; they were left out. */
  dropped: string[];
}

const WRAPPER_PREFIX = 'google.protobuf.';

/**
 * The inverse of toExportJson, for tests: builds the message a Tetragon agent would send for
 * one export line. Timestamps and wrappers need rebuilding; enum names, 64-bit strings,
 * base64 bytes and maps are already what proto-loader's serializer accepts.
 */
export function exportJsonToMessage(
  schema: ProtoSchema,
  typeName: string,
  json: unknown,
): ToMessageResult {
  const dropped: string[] = [];
  const message = toMessage(schema, typeName, json, typeName, dropped);
  return { message, dropped };
}

function toMessage(
  schema: ProtoSchema,
  typeName: string,
  json: unknown,
  path: string,
  dropped: string[],
): Record<string, unknown> {
  const type = schema.messages.get(typeName);
  if (!type) throw new Error(`unknown message type ${typeName}`);
  const record = asRecord(json, path);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const field = type.fields.find((candidate) => candidate.name === key);
    if (!field) {
      dropped.push(`${path}.${key}`);
      continue;
    }
    const at = `${path}.${key}`;
    if (field.mapKey !== undefined) {
      out[key] = Object.fromEntries(
        Object.entries(asRecord(value, at)).map(([k, v]) => [
          k,
          toValue(schema, field.value, v, `${at}[${k}]`, dropped),
        ]),
      );
    } else if (field.repeated) {
      if (!Array.isArray(value)) throw new Error(`${at}: expected a list`);
      out[key] = value.map((item, i) => toValue(schema, field.value, item, `${at}[${i}]`, dropped));
    } else {
      out[key] = toValue(schema, field.value, value, at, dropped);
    }
  }
  return out;
}

function toValue(
  schema: ProtoSchema,
  type: ValueType,
  json: unknown,
  path: string,
  dropped: string[],
): unknown {
  if (type.kind !== 'message') return json;
  if (type.messageName === 'google.protobuf.Timestamp') {
    if (typeof json !== 'string') throw new Error(`${path}: expected a timestamp string`);
    return parseTimestamp(json);
  }
  if (isWrapper(schema.messages.get(type.messageName))) return { value: json };
  return toMessage(schema, type.messageName, json, path, dropped);
}

function isWrapper(type: MessageSchema | undefined): boolean {
  return type !== undefined && type.name.startsWith(WRAPPER_PREFIX) && type.name.endsWith('Value');
}

function asRecord(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${path}: expected an object`);
  }
  return value as Record<string, unknown>;
}
