/**
 * The navigator's tree: namespaces → workloads → pods, then containers without a pod and
 * the host processes of each node. Counts roll up from pods to workloads and namespaces.
 * A workload with a single pod is not a level of its own: the pod row already names it.
 */
import type { GroupSummary } from '@exectree/domain';

export interface NavCounts {
  processes: number;
  running: number;
  exited: number;
  flagged: number;
  /** Container restarts; known only for groups whose processes are loaded. */
  restarts: number;
}

interface RowBase {
  id: string;
  /** 1-based, for aria-level. */
  level: number;
  parentId: string | null;
  counts: NavCounts;
}

export interface BranchRow extends RowBase {
  kind: 'namespace' | 'workload' | 'section';
  label: string;
  /** workload: e.g. "Deployment"; section: "hosts" or "containers". */
  detail: string;
  /** Pods or groups below it. */
  groups: number;
  open: boolean;
  /** The group being looked at is below it (marked while the branch is closed). */
  holdsSelection: boolean;
  childIds: string[];
}

export interface GroupRow extends RowBase {
  kind: 'group';
  group: GroupSummary;
}

export type NavRow = BranchRow | GroupRow;

export interface NavigatorOptions {
  filter: string;
  /** Branch ids the user closed. */
  collapsed: ReadonlySet<string>;
  /** The group being looked at: shown even when empty. */
  keep: string | null;
  /** Per group key, counts known better than the summary's (the open group). */
  overrides?: ReadonlyMap<string, Partial<NavCounts>>;
}

const ZERO: NavCounts = { processes: 0, running: 0, exited: 0, flagged: 0, restarts: 0 };

function matches(group: GroupSummary, needle: string): boolean {
  if (needle === '') return true;
  if (needle.includes('/'))
    return `${group.namespace}/${group.name}`.toLowerCase().includes(needle);
  const haystack = [group.namespace, group.name, group.workload ?? '', group.node]
    .join('\u0000')
    .toLowerCase();
  return haystack.includes(needle);
}

function add(a: NavCounts, b: NavCounts): NavCounts {
  return {
    processes: a.processes + b.processes,
    running: a.running + b.running,
    exited: a.exited + b.exited,
    flagged: a.flagged + b.flagged,
    restarts: a.restarts + b.restarts,
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Branch {
  row: BranchRow;
  children: (Branch | GroupRow)[];
}

export function workloadId(group: GroupSummary): string {
  return `wl:${group.namespace}/${group.workloadKind ?? ''}/${group.workload ?? ''}`;
}

/** The rows to draw, depth-first, with closed branches' children left out. */
export function buildNavigator(
  groups: Iterable<GroupSummary>,
  options: NavigatorOptions,
): NavRow[] {
  const needle = options.filter.trim().toLowerCase();
  const filtering = needle !== '';
  const namespaces = new Map<string, GroupSummary[]>();
  const containers: GroupSummary[] = [];
  const hosts: GroupSummary[] = [];
  // Pods per workload before filtering, so the levels do not shift while the user types.
  const workloadSize = new Map<string, number>();
  for (const group of groups) {
    if (group.processes === 0 && group.key !== options.keep) continue;
    if (group.kind === 'pod' && group.workload !== null) {
      const id = workloadId(group);
      workloadSize.set(id, (workloadSize.get(id) ?? 0) + 1);
    }
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

  const groupRow = (group: GroupSummary, parentId: string, level: number): GroupRow => ({
    kind: 'group',
    id: group.key,
    level,
    parentId,
    group,
    counts: {
      ...ZERO,
      processes: group.processes,
      running: group.running,
      exited: group.exited,
      flagged: group.flagged,
      ...options.overrides?.get(group.key),
    },
  });
  const branch = (
    kind: BranchRow['kind'],
    id: string,
    label: string,
    detail: string,
    level: number,
    parentId: string | null,
    children: (Branch | GroupRow)[],
  ): Branch => {
    const counts = children.reduce<NavCounts>(
      (sum, child) => add(sum, 'row' in child ? child.row.counts : child.counts),
      ZERO,
    );
    const groupsBelow = children.reduce(
      (n, child) => n + ('row' in child ? child.row.groups : 1),
      0,
    );
    const holdsKept = options.keep !== null && containsKey(children, options.keep);
    return {
      row: {
        kind,
        id,
        level,
        parentId,
        label,
        detail,
        counts,
        groups: groupsBelow,
        open: filtering || !options.collapsed.has(id),
        holdsSelection: holdsKept,
        childIds: children.map((c) => ('row' in c ? c.row.id : c.id)),
      },
      children,
    };
  };

  const top: Branch[] = [];
  for (const ns of [...namespaces.keys()].sort(byText)) {
    const nsId = `ns:${ns}`;
    const pods = namespaces.get(ns) ?? [];
    const byWorkload = new Map<string, GroupSummary[]>();
    for (const pod of pods) {
      if (pod.workload === null) continue;
      const id = workloadId(pod);
      const list = byWorkload.get(id);
      if (list) list.push(pod);
      else byWorkload.set(id, [pod]);
    }
    const entries: { name: string; node: Branch | GroupRow }[] = [];
    const isLevel = (id: string) => (workloadSize.get(id) ?? 0) >= 2;
    for (const pod of pods) {
      if (pod.workload === null || !isLevel(workloadId(pod))) {
        entries.push({ name: pod.name, node: groupRow(pod, nsId, 2) });
      }
    }
    for (const [id, members] of byWorkload) {
      if (!isLevel(id)) continue;
      const first = members[0] as GroupSummary;
      const rows = members
        .sort((a, b) => byText(a.name, b.name))
        .map((pod) => groupRow(pod, id, 3));
      entries.push({
        name: first.workload ?? '',
        node: branch('workload', id, first.workload ?? '', first.workloadKind ?? '', 2, nsId, rows),
      });
    }
    entries.sort((a, b) => byText(a.name, b.name));
    top.push(
      branch(
        'namespace',
        nsId,
        ns,
        '',
        1,
        null,
        entries.map((e) => e.node),
      ),
    );
  }
  const section = (id: string, label: string, list: GroupSummary[]) => {
    if (list.length === 0) return;
    const rows = list.sort((a, b) => byText(a.name, b.name)).map((g) => groupRow(g, id, 2));
    top.push(branch('section', id, label, id, 1, null, rows));
  };
  section('containers', 'Containers without pod', containers);
  section('hosts', 'Hosts', hosts);

  const rows: NavRow[] = [];
  const walk = (node: Branch | GroupRow) => {
    if (!('row' in node)) {
      rows.push(node);
      return;
    }
    rows.push(node.row);
    if (node.row.open) node.children.forEach(walk);
  };
  top.forEach(walk);
  return rows;
}

function containsKey(children: readonly (Branch | GroupRow)[], key: string): boolean {
  return children.some((c) => ('row' in c ? containsKey(c.children, key) : c.id === key));
}

/** The group rows among `rows`, in order (what Enter in the filter box opens first). */
export function groupRows(rows: readonly NavRow[]): GroupRow[] {
  return rows.filter((r): r is GroupRow => r.kind === 'group');
}
