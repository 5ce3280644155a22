import { describe, expect, it } from 'vitest';
import { makeGroup } from '../test/fixtures.ts';
import { buildNavigator, groupRows, type BranchRow, type NavRow } from './navigator.ts';

const pod = (ns: string, name: string, extra: Parameters<typeof makeGroup>[0] | object = {}) =>
  makeGroup({ key: `pod/${ns}/${name}`, namespace: ns, name, ...extra });

const groups = [
  pod('default', 'web-a', {
    workload: 'web',
    workloadKind: 'Deployment',
    processes: 10,
    running: 3,
    exited: 7,
    flagged: 2,
  }),
  pod('default', 'web-b', {
    workload: 'web',
    workloadKind: 'Deployment',
    processes: 5,
    running: 1,
    exited: 4,
    flagged: 0,
  }),
  pod('default', 'redis-0', {
    workload: 'redis',
    workloadKind: 'StatefulSet',
    processes: 4,
    running: 1,
    exited: 3,
  }),
  pod('kube-system', 'coredns', { processes: 1 }),
  pod('default', 'gone', { processes: 0 }),
  makeGroup({ key: 'host/node-1', kind: 'host', namespace: '', name: 'node-1', processes: 40 }),
  makeGroup({ key: 'container/abc', kind: 'container', namespace: '', name: 'abc' }),
];

const ids = (rows: readonly NavRow[]) => rows.map((r) => r.id);
const branch = (rows: readonly NavRow[], id: string) => rows.find((r) => r.id === id) as BranchRow;

describe('buildNavigator', () => {
  it('nests namespaces, workloads with several pods, and pods; then containers and hosts', () => {
    const rows = buildNavigator(groups, { filter: '', collapsed: new Set(), keep: null });
    expect(ids(rows)).toEqual([
      'ns:default',
      'pod/default/redis-0',
      'wl:default/Deployment/web',
      'pod/default/web-a',
      'pod/default/web-b',
      'ns:kube-system',
      'pod/kube-system/coredns',
      'containers',
      'container/abc',
      'hosts',
      'host/node-1',
    ]);
    expect(rows.map((r) => r.level)).toEqual([1, 2, 2, 3, 3, 1, 2, 1, 2, 1, 2]);
    expect(rows[3]?.parentId).toBe('wl:default/Deployment/web');
  });

  it('rolls counts up to workloads and namespaces', () => {
    const rows = buildNavigator(groups, { filter: '', collapsed: new Set(), keep: null });
    expect(branch(rows, 'wl:default/Deployment/web').counts).toEqual({
      processes: 15,
      running: 4,
      exited: 11,
      flagged: 2,
      restarts: 0,
    });
    expect(branch(rows, 'ns:default')).toMatchObject({
      groups: 3,
      counts: { processes: 19, running: 5, exited: 14, flagged: 2 },
    });
  });

  it('applies better-known counts of the open group, restarts included', () => {
    const overrides = new Map([['pod/default/web-a', { flagged: 1, restarts: 2 }]]);
    const rows = buildNavigator(groups, {
      filter: '',
      collapsed: new Set(),
      keep: 'pod/default/web-a',
      overrides,
    });
    expect(rows.find((r) => r.id === 'pod/default/web-a')?.counts).toMatchObject({
      flagged: 1,
      restarts: 2,
    });
    expect(branch(rows, 'ns:default').counts).toMatchObject({ flagged: 1, restarts: 2 });
  });

  it('leaves out the children of closed branches and marks a branch holding the selection', () => {
    const rows = buildNavigator(groups, {
      filter: '',
      collapsed: new Set(['ns:default', 'hosts']),
      keep: 'pod/default/web-b',
    });
    expect(ids(rows)).toEqual([
      'ns:default',
      'ns:kube-system',
      'pod/kube-system/coredns',
      'containers',
      'container/abc',
      'hosts',
    ]);
    expect(branch(rows, 'ns:default')).toMatchObject({ open: false, holdsSelection: true });
  });

  it('filters by name, namespace, workload or ns/name, opening branches to show matches', () => {
    const options = { collapsed: new Set(['ns:default']), keep: null };
    expect(
      groupRows(buildNavigator(groups, { ...options, filter: 'WEB-B' })).map((r) => r.id),
    ).toEqual(['pod/default/web-b']);
    // Levels stay put while filtering: web keeps its workload row with one match.
    expect(ids(buildNavigator(groups, { ...options, filter: 'web-b' }))).toEqual([
      'ns:default',
      'wl:default/Deployment/web',
      'pod/default/web-b',
    ]);
    expect(ids(buildNavigator(groups, { ...options, filter: 'default/red' }))).toEqual([
      'ns:default',
      'pod/default/redis-0',
    ]);
    expect(buildNavigator(groups, { ...options, filter: 'nothing' })).toEqual([]);
  });

  it('hides empty groups unless they are being looked at', () => {
    const hidden = buildNavigator(groups, { filter: '', collapsed: new Set(), keep: null });
    expect(ids(hidden)).not.toContain('pod/default/gone');
    const kept = buildNavigator(groups, {
      filter: '',
      collapsed: new Set(),
      keep: 'pod/default/gone',
    });
    expect(ids(kept)).toContain('pod/default/gone');
  });
});
