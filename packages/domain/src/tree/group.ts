/**
 * Processes are listed in groups: a Kubernetes pod, a container whose pod is not known
 * (yet), or the host processes of a node.
 */

export type GroupKind = 'pod' | 'container' | 'host';

export interface GroupRef {
  kind: GroupKind;
  /** pod: the namespace; container and host: "". */
  namespace: string;
  /** pod: the pod name; container: the container id prefix; host: the node name. */
  name: string;
}

export function groupKey(ref: GroupRef): string {
  switch (ref.kind) {
    case 'pod':
      return `pod/${ref.namespace}/${ref.name}`;
    case 'container':
      return `container/${ref.name}`;
    case 'host':
      return `host/${ref.name}`;
  }
}

export function parseGroupKey(key: string): GroupRef | undefined {
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  const kind = key.slice(0, slash);
  const rest = key.slice(slash + 1);
  if (kind === 'pod') {
    const second = rest.indexOf('/');
    if (second <= 0 || second === rest.length - 1) return undefined;
    return { kind, namespace: rest.slice(0, second), name: rest.slice(second + 1) };
  }
  if ((kind === 'container' || kind === 'host') && rest.length > 0) {
    return { kind, namespace: '', name: rest };
  }
  return undefined;
}
