import type { ContainerInfo, PodInfo, ProcessSnapshot } from './parsed-event.ts';
import {
  isObject,
  optionalBool,
  optionalObject,
  optionalString,
  optionalUint,
  stringMap,
  FieldTypeError,
  describeType,
  type JsonObject,
} from './field-reader.ts';

function readContainer(pod: JsonObject, path: string): ContainerInfo | undefined {
  const container = optionalObject(pod, 'container', path);
  if (!container) return undefined;
  const cpath = `${path}.container`;
  const image = optionalObject(container, 'image', cpath);
  return {
    id: optionalString(container, 'id', cpath) ?? '',
    name: optionalString(container, 'name', cpath) ?? '',
    image: {
      id: image ? (optionalString(image, 'id', `${cpath}.image`) ?? '') : '',
      name: image ? (optionalString(image, 'name', `${cpath}.image`) ?? '') : '',
    },
    startTime: optionalString(container, 'start_time', cpath),
    pid: optionalUint(container, 'pid', cpath),
    maybeExecProbe: optionalBool(container, 'maybe_exec_probe', cpath) ?? false,
  };
}

function readPod(process: JsonObject, path: string): PodInfo | undefined {
  const pod = optionalObject(process, 'pod', path);
  if (!pod) return undefined;
  const ppath = `${path}.pod`;
  const namespace = optionalString(pod, 'namespace', ppath);
  const name = optionalString(pod, 'name', ppath);
  // A pod without a name cannot be grouped; Tetragon never emits one, so treat it as absent.
  if (!namespace || !name) return undefined;
  return {
    namespace,
    name,
    uid: optionalString(pod, 'uid', ppath),
    container: readContainer(pod, ppath),
    labels: stringMap(pod, 'pod_labels', ppath),
    workload: optionalString(pod, 'workload', ppath),
    workloadKind: optionalString(pod, 'workload_kind', ppath),
  };
}

export function readProcess(value: unknown, path: string): ProcessSnapshot {
  if (!isObject(value)) {
    throw new FieldTypeError(`${path}: expected an object, got ${describeType(value)}`);
  }
  return {
    execId: optionalString(value, 'exec_id', path) || undefined,
    parentExecId: optionalString(value, 'parent_exec_id', path) || undefined,
    pid: optionalUint(value, 'pid', path),
    uid: optionalUint(value, 'uid', path),
    auid: optionalUint(value, 'auid', path),
    cwd: optionalString(value, 'cwd', path),
    binary: optionalString(value, 'binary', path) || undefined,
    arguments: optionalString(value, 'arguments', path),
    flags: optionalString(value, 'flags', path),
    startTime: optionalString(value, 'start_time', path),
    pod: readPod(value, path),
    docker: optionalString(value, 'docker', path) || undefined,
    inInitTree: optionalBool(value, 'in_init_tree', path),
  };
}

export function readOptionalProcess(
  body: JsonObject,
  key: string,
  path: string,
): ProcessSnapshot | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  return readProcess(value, `${path}.${key}`);
}
