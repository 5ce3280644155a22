import { describe, expect, it } from 'vitest';
import type { Finding } from '@exectree/domain';
import { at, displayed, makeProcess } from '../test/fixtures.ts';
import { buildForest } from './hierarchy.ts';
import { chainLabel, countOutcomes, groupId, type DisplayNode } from './grouping.ts';

const kids = (n: DisplayNode | undefined) => (n?.children ?? []).map((c) => c.id);
const SHELL: Finding = { rule: 'shell-from-server', reason: 'x', relatedExecId: null };

function forest() {
  const probes = Array.from({ length: 6 }, (_, i) =>
    makeProcess({
      execId: `probe${i}`,
      parentExecId: 'shim',
      binary: '/bin/sh',
      arguments: '-c healthcheck',
      startTime: at(10 + i),
      state: 'exited',
      status: i === 5 ? 1 : 0,
    }),
  );
  return buildForest([
    makeProcess({ execId: 'shim', startTime: at(0) }),
    makeProcess({ execId: 'app', parentExecId: 'shim', binary: '/app', startTime: at(1) }),
    ...probes,
    // A sh with children is lineage, never grouped.
    makeProcess({
      execId: 'sh-parent',
      parentExecId: 'shim',
      binary: '/bin/sh',
      startTime: at(30),
    }),
    makeProcess({
      execId: 'curl',
      parentExecId: 'sh-parent',
      binary: '/usr/bin/curl',
      startTime: at(31),
      findings: [SHELL],
    }),
  ]);
}

describe('groupSiblings', () => {
  it('collapses repeated leaf siblings with the same binary into one closed item', () => {
    const [root] = displayed(forest()).roots;
    const id = groupId('shim', '/bin/sh');
    expect(kids(root)).toEqual(['app', id, 'sh-parent']);
    const group = root?.children[1];
    if (group?.kind !== 'group') throw new Error('expected a group');
    expect(group.open).toBe(false);
    expect(group.children).toEqual([]);
    expect(group.childCount).toBe(6);
    expect(group.members.map((m) => m.execId)).toEqual([
      'probe0',
      'probe1',
      'probe2',
      'probe3',
      'probe4',
      'probe5',
    ]);
    expect(countOutcomes(group.outcomes)).toMatchObject({ ok: 5, failed: 1 });
    expect(kids(root?.children[2])).toEqual(['curl']);
  });

  it('opens a group as a parent of its members, when asked or when it holds the selection', () => {
    const id = groupId('shim', '/bin/sh');
    const open = displayed(forest(), { expanded: new Set([id]) });
    const group = open.roots[0]?.children[1];
    expect(group?.open).toBe(true);
    expect(kids(group)).toEqual(['probe0', 'probe1', 'probe2', 'probe3', 'probe4', 'probe5']);
    expect(open.forcedOpen).toEqual([]);

    const revealed = displayed(forest(), { reveal: 'probe3' });
    expect(kids(revealed.roots[0]?.children[1])).toContain('probe3');
    expect(revealed.forcedOpen).toEqual([id]);
  });

  it('leaves fewer siblings than the threshold alone', () => {
    const [root] = displayed(forest(), { minSize: 7 }).roots;
    expect(kids(root)).toHaveLength(8);
  });
});

describe('collapsing processes', () => {
  it('hides the subtree of a collapsed process and counts what it hides', () => {
    const { roots, locate } = displayed(forest(), { collapsed: new Set(['sh-parent']) });
    const sh = roots[0]?.children[2];
    if (sh?.kind !== 'process') throw new Error('expected a process');
    expect(sh.open).toBe(false);
    expect(sh.children).toEqual([]);
    expect(sh.childCount).toBe(1);
    expect(sh.descendants).toBe(1);
    expect(sh.flaggedDescendants).toBe(1);
    expect(locate.get('curl')).toBe('sh-parent');
    expect(locate.get('probe2')).toBe(groupId('shim', '/bin/sh'));
    expect(locate.get('app')).toBe('app');
  });

  it('keeps the path to the revealed process open and says which items it forced', () => {
    const collapsed = new Set(['shim', 'sh-parent']);
    const shown = displayed(forest(), { collapsed, reveal: 'curl' });
    expect(kids(shown.roots[0]?.children[2])).toEqual(['curl']);
    expect(shown.forcedOpen.sort()).toEqual(['sh-parent', 'shim']);
    // The revealed process itself may stay collapsed: it is drawn either way.
    const self = displayed(forest(), { collapsed, reveal: 'sh-parent' });
    expect(self.forcedOpen).toEqual(['shim']);
  });

  it('counts flagged processes below a closed root', () => {
    const [root] = displayed(forest(), { collapsed: new Set(['shim']) }).roots;
    if (root?.kind !== 'process') throw new Error('expected a process');
    expect(root.descendants).toBe(9);
    expect(root.flaggedDescendants).toBe(1);
  });
});

describe('groupSiblings with shapes', () => {
  const probe = (i: number, lane: boolean) => [
    makeProcess({
      execId: `sh${i}`,
      parentExecId: 'runc',
      binary: '/bin/sh',
      state: 'replaced',
      replacedBy: lane ? `ready${i}` : null,
      pid: 100 + i,
      startTime: at(i * 10),
    }),
    makeProcess({
      execId: `ready${i}`,
      parentExecId: `sh${i}`,
      binary: '/usr/bin/pg_isready',
      state: 'exited',
      status: 0,
      pid: 100 + i,
      startTime: at(i * 10 + 1),
    }),
  ];

  it('groups repeated small subtrees, also among roots (exec probes)', () => {
    const probes = Array.from({ length: 5 }, (_, i) => probe(i, false)).flat();
    const { roots } = displayed(
      buildForest([makeProcess({ execId: 'pg', binary: '/usr/bin/postgres' }), ...probes]),
    );
    expect(roots.map((r) => r.kind)).toEqual(['process', 'group']);
    const group = roots[1];
    if (group?.kind !== 'group') throw new Error('expected a group');
    expect(group.id).toBe(groupId(null, '/bin/sh(/usr/bin/pg_isready)'));
    expect(chainLabel(group.chain)).toBe('sh › pg_isready');
    expect(group.size).toBe(10);
    expect(group.rootReason).toBe('external');
    expect(countOutcomes(group.outcomes)).toMatchObject({ ok: 5 });
  });

  it('groups exec-without-fork lanes by their images', () => {
    const probes = Array.from({ length: 5 }, (_, i) => probe(i, true)).flat();
    const { roots } = displayed(buildForest(probes));
    const group = roots[0];
    if (group?.kind !== 'group') throw new Error('expected a group');
    expect(group.id).toBe(groupId(null, '/bin/sh›/usr/bin/pg_isready'));
    expect(chainLabel(group.chain)).toBe('sh › pg_isready');
    expect(group.members.map((m) => m.execId)).toEqual([
      'ready0',
      'ready1',
      'ready2',
      'ready3',
      'ready4',
    ]);
    const revealed = displayed(buildForest(probes), { reveal: 'sh3' });
    expect(kids(revealed.roots[0])).toEqual(['sh0', 'sh1', 'sh2', 'sh3', 'sh4']);
  });

  it('does not group different shapes or big subtrees', () => {
    const same = (i: number, child: string) => [
      makeProcess({ execId: `p${i}`, parentExecId: 'x', binary: '/bin/sh', startTime: at(i) }),
      makeProcess({ execId: `c${i}`, parentExecId: `p${i}`, binary: child, startTime: at(i) }),
    ];
    const mixed = [...same(0, '/a'), ...same(1, '/b'), ...same(2, '/a'), ...same(3, '/b')];
    expect(displayed(buildForest(mixed)).roots).toHaveLength(4);
  });

  it('counts flagged processes inside a group', () => {
    const flagged = Array.from({ length: 4 }, (_, i) =>
      makeProcess({
        execId: `s${i}`,
        parentExecId: 'srv',
        binary: '/bin/sh',
        findings: i === 2 ? [SHELL] : [],
      }),
    );
    const { roots } = displayed(buildForest([makeProcess({ execId: 'srv' }), ...flagged]));
    const group = roots[0]?.children[0];
    expect(group?.kind === 'group' && group.flagged).toBe(1);
  });

  it('survives a very deep chain', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) =>
      makeProcess({ execId: `d${i}`, parentExecId: i === 0 ? null : `d${i - 1}` }),
    );
    const { roots, locate } = displayed(buildForest(chain), { collapsed: new Set(['d10']) });
    expect(roots).toHaveLength(1);
    expect(locate.get('d19999')).toBe('d10');
  });
});
