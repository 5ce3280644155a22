/** Sections of the pod list: pods by namespace, then containers without a pod, then hosts. */
import type { GroupSummary } from '@exectree/domain';

export interface GroupSection {
  id: string;
  title: string;
  kind: 'namespace' | 'container' | 'host';
  items: GroupSummary[];
}

function matches(group: GroupSummary, needle: string): boolean {
  if (needle === '') return true;
  const haystack = [group.namespace, group.name, group.workload ?? '', group.node]
    .join('\u0000')
    .toLowerCase();
  if (needle.includes('/')) {
    return `${group.namespace}/${group.name}`.toLowerCase().includes(needle);
  }
  return haystack.includes(needle);
}

const byName = (a: GroupSummary, b: GroupSummary) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * Filters and groups the summaries. Empty groups (every process removed) are hidden unless
 * they are the one being looked at.
 */
export function buildSections(
  groups: Iterable<GroupSummary>,
  filter: string,
  keep: string | null = null,
): GroupSection[] {
  const needle = filter.trim().toLowerCase();
  const namespaces = new Map<string, GroupSummary[]>();
  const containers: GroupSummary[] = [];
  const hosts: GroupSummary[] = [];
  for (const group of groups) {
    if (group.processes === 0 && group.key !== keep) continue;
    if (!matches(group, needle)) continue;
    if (group.kind === 'pod') {
      const list = namespaces.get(group.namespace);
      if (list) list.push(group);
      else namespaces.set(group.namespace, [group]);
    } else if (group.kind === 'container') {
      containers.push(group);
    } else {
      hosts.push(group);
    }
  }
  const sections: GroupSection[] = [...namespaces.keys()].sort().map((ns) => ({
    id: `ns:${ns}`,
    title: ns,
    kind: 'namespace',
    items: (namespaces.get(ns) ?? []).sort(byName),
  }));
  if (containers.length > 0) {
    sections.push({
      id: 'containers',
      title: 'Containers without pod',
      kind: 'container',
      items: containers.sort(byName),
    });
  }
  if (hosts.length > 0) {
    sections.push({ id: 'hosts', title: 'Hosts', kind: 'host', items: hosts.sort(byName) });
  }
  return sections;
}

export function flattenSections(sections: readonly GroupSection[]): GroupSummary[] {
  return sections.flatMap((s) => s.items);
}
