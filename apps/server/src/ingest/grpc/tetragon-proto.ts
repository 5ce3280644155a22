import { fileURLToPath } from 'node:url';
import {
  loadSync,
  type MethodDefinition,
  type Options,
  type ServiceDefinition,
} from '@grpc/proto-loader';
import { buildProtoSchema, type ProtoSchema } from './proto-schema.ts';

/** apps/server/proto: the .proto subset of Tetragon's API written for exectree. */
export const PROTO_DIR = fileURLToPath(new URL('../../../proto/', import.meta.url));

export const SERVICE_NAME = 'tetragon.FineGuidanceSensors';
export const RESPONSE_TYPE = 'tetragon.GetEventsResponse';

/** The shape toExportJson expects; the converter relies on every one of these. */
export const LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
};

export interface TetragonProto {
  service: ServiceDefinition;
  getEvents: MethodDefinition<object, object>;
  schema: ProtoSchema;
}

export function loadTetragonProto(protoDir: string = PROTO_DIR): TetragonProto {
  const definition = loadSync('tetragon/sensors.proto', {
    ...LOADER_OPTIONS,
    includeDirs: [protoDir],
  });
  const service = definition[SERVICE_NAME];
  if (!service || 'format' in service) throw new Error(`${SERVICE_NAME} missing in ${protoDir}`);
  const getEvents = service.GetEvents;
  if (!getEvents?.responseStream) throw new Error(`${SERVICE_NAME}/GetEvents must stream`);
  return { service, getEvents, schema: buildProtoSchema(definition) };
}
