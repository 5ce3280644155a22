/**
 * Reads what the tests need from deploy/kubernetes/exectree.yaml. No YAML parser is installed
 * in this repository, so these are patterns over the manifest's own style (flow mappings and
 * sequences on one logical line); a manifest rewritten in another style fails the tests
 * loudly rather than passing them.
 */
export interface ManifestObject {
  kind: string;
  name: string;
  text: string;
}

export function manifestObjects(text: string): ManifestObject[] {
  return text
    .split(/^---$/m)
    .map((doc) => ({
      kind: /^kind: (\S+)$/m.exec(doc)?.[1] ?? '',
      name: /^metadata:\n {2}name: (\S+)$/m.exec(doc)?.[1] ?? '',
      text: doc,
    }))
    .filter((object) => object.kind !== '');
}

function unquote(value: string): string {
  return value.trim().replace(/^'(.*)'$/, '$1');
}

/** Every `image:` of the object. */
export function images(object: ManifestObject): string[] {
  return [...object.text.matchAll(/^\s+image: (\S+)$/gm)].map((match) => unquote(match[1] ?? ''));
}

/** The container's `args: [ ... ]`, on one line or spread over several. */
export function containerArgs(object: ManifestObject): string[] | undefined {
  const list = /^\s+args:\s*\[([^\]]*)\]/m.exec(object.text)?.[1];
  return list
    ?.split(',')
    .map(unquote)
    .filter((arg) => arg !== '');
}

/** `- name: X` followed by `valueFrom: { secretKeyRef: { name: S, key: K } }`. */
export function secretEnv(object: ManifestObject): { env: string; secret: string; key: string }[] {
  const pattern =
    /- name: (\w+)\n\s+valueFrom: \{ secretKeyRef: \{ name: ([\w-]+), key: ([\w-]+) \} \}/g;
  return [...object.text.matchAll(pattern)].map((match) => ({
    env: match[1] ?? '',
    secret: match[2] ?? '',
    key: match[3] ?? '',
  }));
}

/** `- name: X` followed by `value: V`. */
export function plainEnv(object: ManifestObject): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of object.text.matchAll(/- name: (\w+)\n\s+value: (.+)$/gm)) {
    env[match[1] ?? ''] = unquote(match[2] ?? '');
  }
  return env;
}

/** A Secret's `stringData:` entries. */
export function stringData(object: ManifestObject): Record<string, string> {
  const block = /^stringData:\n((?: {2}.+\n?)+)/m.exec(object.text)?.[1] ?? '';
  const data: Record<string, string> = {};
  for (const match of block.matchAll(/^ {2}([\w-]+): (.+)$/gm)) {
    data[match[1] ?? ''] = unquote(match[2] ?? '');
  }
  return data;
}

/** The paths of `httpGet: { path: P, ... }` probes, and the commands of exec probes. */
export function probes(object: ManifestObject): { httpPaths: string[]; exec: string[] } {
  return {
    httpPaths: [...object.text.matchAll(/httpGet: \{ path: (\S+),/g)].map((m) => m[1] ?? ''),
    exec: [...object.text.matchAll(/exec:\n\s+command:\s*\[([^\]]*)\]/g)].map((m) => m[1] ?? ''),
  };
}

/** `containerPort:` values. */
export function containerPorts(object: ManifestObject): number[] {
  return [...object.text.matchAll(/containerPort: (\d+)/g)].map((match) => Number(match[1]));
}
