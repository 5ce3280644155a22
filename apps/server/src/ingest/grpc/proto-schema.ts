import type { PackageDefinition } from '@grpc/proto-loader';
import { z } from 'zod';

export type ScalarType =
  | 'double'
  | 'float'
  | 'int64'
  | 'uint64'
  | 'int32'
  | 'fixed64'
  | 'fixed32'
  | 'bool'
  | 'string'
  | 'bytes'
  | 'uint32'
  | 'sfixed32'
  | 'sfixed64'
  | 'sint32'
  | 'sint64';

export type ValueType =
  | { kind: 'scalar'; scalar: ScalarType }
  | { kind: 'enum'; enumName: string }
  | { kind: 'message'; messageName: string };

export interface FieldSchema {
  name: string;
  /** The field number on the wire. */
  number: number;
  repeated: boolean;
  /** The element type; for a map, the type of its values. */
  value: ValueType;
  /** Set for map fields only. */
  mapKey?: ScalarType;
}

export interface MessageSchema {
  name: string;
  /** In declaration order, which is the order protojson writes them in. */
  fields: FieldSchema[];
  /** Names of the oneofs; proto-loader (`oneofs: true`) sets a property of that name to the set member. */
  oneofs: string[];
}

export interface EnumSchema {
  name: string;
  namesByNumber: ReadonlyMap<number, string>;
}

/** What the converters need to know about the loaded .proto files, by full type name. */
export interface ProtoSchema {
  messages: ReadonlyMap<string, MessageSchema>;
  enums: ReadonlyMap<string, EnumSchema>;
}

const fieldDescriptor = z.object({
  name: z.string(),
  number: z.number(),
  label: z.string(),
  type: z.string(),
  typeName: z.string(),
});
type FieldDescriptor = z.infer<typeof fieldDescriptor>;

const messageDescriptor = z.object({
  field: z.array(fieldDescriptor),
  oneofDecl: z.array(z.object({ name: z.string() })),
  nestedType: z.array(
    z.object({
      name: z.string(),
      field: z.array(fieldDescriptor),
      options: z.object({ mapEntry: z.boolean().optional() }).nullish(),
    }),
  ),
});
type MessageDescriptor = z.infer<typeof messageDescriptor>;

const enumDescriptor = z.object({
  value: z.array(z.object({ name: z.string(), number: z.number() })),
});

const SCALARS: Readonly<Record<string, ScalarType>> = {
  TYPE_DOUBLE: 'double',
  TYPE_FLOAT: 'float',
  TYPE_INT64: 'int64',
  TYPE_UINT64: 'uint64',
  TYPE_INT32: 'int32',
  TYPE_FIXED64: 'fixed64',
  TYPE_FIXED32: 'fixed32',
  TYPE_BOOL: 'bool',
  TYPE_STRING: 'string',
  TYPE_BYTES: 'bytes',
  TYPE_UINT32: 'uint32',
  TYPE_SFIXED32: 'sfixed32',
  TYPE_SFIXED64: 'sfixed64',
  TYPE_SINT32: 'sint32',
  TYPE_SINT64: 'sint64',
};

/** Reads the descriptors proto-loader attached to every message and enum of a package definition. */
export function buildProtoSchema(definition: PackageDefinition): ProtoSchema {
  const messageDescriptors = new Map<string, MessageDescriptor>();
  const enums = new Map<string, EnumSchema>();
  for (const [name, entry] of Object.entries(definition)) {
    if (!('format' in entry)) continue;
    if (entry.format === 'Protocol Buffer 3 DescriptorProto') {
      messageDescriptors.set(name, messageDescriptor.parse(entry.type));
    } else if (entry.format === 'Protocol Buffer 3 EnumDescriptorProto') {
      const values = enumDescriptor.parse(entry.type).value;
      // Aliases share a number; protojson writes the first name.
      const namesByNumber = new Map<number, string>();
      for (const value of values.toReversed()) namesByNumber.set(value.number, value.name);
      enums.set(name, { name, namesByNumber });
    }
  }

  const known = new Set([...messageDescriptors.keys(), ...enums.keys()]);
  const messages = new Map<string, MessageSchema>();
  for (const [name, descriptor] of messageDescriptors) {
    messages.set(name, {
      name,
      fields: descriptor.field.map((field) => fieldSchema(name, descriptor, field, known)),
      oneofs: descriptor.oneofDecl.map((oneof) => oneof.name),
    });
  }
  return { messages, enums };
}

function fieldSchema(
  scope: string,
  message: MessageDescriptor,
  field: FieldDescriptor,
  known: ReadonlySet<string>,
): FieldSchema {
  const repeated = field.label === 'LABEL_REPEATED';
  const entry = message.nestedType.find(
    (nested) => nested.name === field.typeName && nested.options?.mapEntry === true,
  );
  if (repeated && entry) {
    const key = entry.field.find((f) => f.name === 'key');
    const value = entry.field.find((f) => f.name === 'value');
    if (!key || !value) throw new Error(`${scope}.${field.name}: malformed map entry`);
    const keyType = valueType(scope, key, known);
    if (keyType.kind !== 'scalar') throw new Error(`${scope}.${field.name}: map key is not scalar`);
    return {
      name: field.name,
      number: field.number,
      repeated: false,
      value: valueType(scope, value, known),
      mapKey: keyType.scalar,
    };
  }
  return {
    name: field.name,
    number: field.number,
    repeated,
    value: valueType(scope, field, known),
  };
}

function valueType(scope: string, field: FieldDescriptor, known: ReadonlySet<string>): ValueType {
  const scalar = SCALARS[field.type];
  if (scalar) return { kind: 'scalar', scalar };
  if (field.type === 'TYPE_ENUM') {
    return { kind: 'enum', enumName: resolveTypeName(scope, field.typeName, known) };
  }
  if (field.type === 'TYPE_MESSAGE') {
    return { kind: 'message', messageName: resolveTypeName(scope, field.typeName, known) };
  }
  throw new Error(`${scope}.${field.name}: unsupported field type ${field.type}`);
}

/**
 * protobuf scoping: a relative name is looked up in the message, then in each enclosing
 * scope outwards. proto-loader keeps type names as written in the .proto file.
 */
function resolveTypeName(scope: string, typeName: string, known: ReadonlySet<string>): string {
  if (typeName.startsWith('.')) return typeName.slice(1);
  const parts = scope.split('.');
  for (let length = parts.length; length >= 0; length -= 1) {
    const candidate = [...parts.slice(0, length), typeName].join('.');
    if (known.has(candidate)) return candidate;
  }
  throw new Error(`${scope}: unknown type ${typeName}`);
}
