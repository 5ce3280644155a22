import { isUtf8 } from 'node:buffer';
import type { FieldSchema, ProtoSchema, ValueType } from './proto-schema.ts';

/** Deeper nesting than any Tetragon message has; a walk that gets there stops. */
const MAX_DEPTH = 64;

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

class Wire {
  constructor(
    readonly bytes: Uint8Array,
    public at: number,
    readonly end: number,
  ) {}

  /** A varint as a number; only tags and lengths are read, which fit. */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.at];
      if (byte === undefined || this.at >= this.end) throw new RangeError('truncated varint');
      this.at += 1;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }
}

/**
 * The path of the first string field of an encoded message whose bytes are not valid UTF-8,
 * or undefined. protobuf decoders put U+FFFD in place of such bytes; exectree rejects the
 * message instead, as it rejects such a line in a file. Walks the wire format with the
 * schema, so `bytes` fields and nested messages are told apart from strings.
 */
export function invalidUtf8Field(
  schema: ProtoSchema,
  typeName: string,
  bytes: Uint8Array,
): string | undefined {
  try {
    return walkMessage(schema, typeName, new Wire(bytes, 0, bytes.length), typeName, 0);
  } catch {
    // Malformed wire data: the decoder, which ran first, had its own say.
    return undefined;
  }
}

function walkMessage(
  schema: ProtoSchema,
  typeName: string,
  wire: Wire,
  path: string,
  depth: number,
): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const fields = schema.messages.get(typeName)?.fields ?? [];
  while (wire.at < wire.end) {
    const tag = wire.varint();
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (wireType === VARINT) wire.varint();
    else if (wireType === FIXED64) wire.at += 8;
    else if (wireType === FIXED32) wire.at += 4;
    else if (wireType === LENGTH_DELIMITED) {
      const length = wire.varint();
      const start = wire.at;
      wire.at += length;
      if (wire.at > wire.end) throw new RangeError('truncated field');
      const field = fields.find((candidate) => candidate.number === number);
      if (field === undefined) continue;
      const inner = new Wire(wire.bytes, start, wire.at);
      const bad = walkField(schema, field, inner, `${path}.${field.name}`, depth);
      if (bad !== undefined) return bad;
    } else {
      throw new RangeError(`wire type ${wireType}`);
    }
  }
  return undefined;
}

function walkField(
  schema: ProtoSchema,
  field: FieldSchema,
  wire: Wire,
  path: string,
  depth: number,
): string | undefined {
  if (field.mapKey === undefined) return walkValue(schema, field.value, wire, path, depth);
  // A map entry is a message: key = 1, value = 2.
  while (wire.at < wire.end) {
    const tag = wire.varint();
    if (tag % 8 !== LENGTH_DELIMITED) {
      if (tag % 8 === VARINT) wire.varint();
      else wire.at += tag % 8 === FIXED64 ? 8 : 4;
      continue;
    }
    const length = wire.varint();
    const inner = new Wire(wire.bytes, wire.at, wire.at + length);
    wire.at += length;
    const type: ValueType =
      Math.floor(tag / 8) === 1 ? { kind: 'scalar', scalar: field.mapKey } : field.value;
    const bad = walkValue(schema, type, inner, path, depth);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

function walkValue(
  schema: ProtoSchema,
  type: ValueType,
  wire: Wire,
  path: string,
  depth: number,
): string | undefined {
  if (type.kind === 'message') {
    return walkMessage(schema, type.messageName, wire, path, depth + 1);
  }
  if (type.kind === 'scalar' && type.scalar === 'string') {
    return isUtf8(wire.bytes.subarray(wire.at, wire.end)) ? undefined : path;
  }
  return undefined;
}
