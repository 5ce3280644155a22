import { describe, expect, it } from 'vitest';
import { makeGroup } from '../test/fixtures.ts';
import { buildSections, flattenSections } from './group-list.ts';

const groups = [
  makeGroup({ key: 'pod/kube-system/coredns', namespace: 'kube-system', name: 'coredns' }),
  makeGroup({ key: 'pod/default/xwing', namespace: 'default', name: 'xwing' }),
  makeGroup({ key: 'pod/default/tiefighter', namespace: 'default', name: 'tiefighter' }),
  makeGroup({ key: 'host/node-1', kind: 'host', namespace: '', name: 'node-1' }),
  makeGroup({ key: 'container/abc', kind: 'container', namespace: '', name: 'abc' }),
  makeGroup({ key: 'pod/default/empty', namespace: 'default', name: 'empty', processes: 0 }),
];

describe('buildSections', () => {
  it('groups pods by namespace, then containers, then hosts', () => {
    const sections = buildSections(groups, '');
    expect(sections.map((s) => s.title)).toEqual([
      'default',
      'kube-system',
      'Containers without pod',
      'Hosts',
    ]);
    expect(sections[0]?.items.map((g) => g.name)).toEqual(['tiefighter', 'xwing']);
  });

  it('hides empty groups unless they are being looked at', () => {
    expect(flattenSections(buildSections(groups, '')).map((g) => g.name)).not.toContain('empty');
    expect(
      flattenSections(buildSections(groups, '', 'pod/default/empty')).map((g) => g.name),
    ).toContain('empty');
  });

  it('filters by name, namespace or ns/name', () => {
    expect(flattenSections(buildSections(groups, 'WING')).map((g) => g.key)).toEqual([
      'pod/default/xwing',
    ]);
    expect(flattenSections(buildSections(groups, 'kube-sys')).map((g) => g.key)).toEqual([
      'pod/kube-system/coredns',
    ]);
    expect(flattenSections(buildSections(groups, 'default/t')).map((g) => g.key)).toEqual([
      'pod/default/tiefighter',
    ]);
    expect(buildSections(groups, 'nothing-matches')).toEqual([]);
  });
});
