import { describe, expect, it } from 'vitest';
import { at, makeProcess } from '../test/fixtures.ts';
import { buildForest } from './hierarchy.ts';
import { chainLabel, countOutcomes, groupId, groupSiblings, type DisplayNode } from './grouping.ts';

const kids = (n: DisplayNode | undefined) => (n?.children ?? []).map((c) => c.id);

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
    }),
  ]);
}

describe('groupSiblings', () => {
  it('collapses repeated leaf siblings with the same binary into one item', () => {
    const [root] = groupSiblings(forest(), { expanded: new Set(), reveal: null });
    const id = groupId('shim', '/bin/sh');
    expect(kids(root)).toEqual(['app', id, 'sh-parent']);
    const group = root?.children[1];
    expect(group?.kind).toBe('group');
    if (group?.kind === 'group') {
      expect(group.members.map((m) => m.execId)).toEqual([
        'probe0',
        'probe1',
        'probe2',
        'probe3',
        'probe4',
        'probe5',
      ]);
      expect(countOutcomes(group.outcomes)).toMatchObject({ ok: 5, failed: 1 });
    }
    expect(kids(root?.children[2])).toEqual(['curl']);
  });

  it('shows a group expanded when asked or when it holds the selection', () => {
    const id = groupId('shim', '/bin/sh');
    const [open] = groupSiblings(forest(), { expanded: new Set([id]), reveal: null });
    expect(kids(open)).toHaveLength(8);
    const [revealed] = groupSiblings(forest(), { expanded: new Set(), reveal: 'probe3' });
    expect(kids(revealed)).toContain('probe3');
  });

  it('leaves fewer siblings than the threshold alone', () => {
    const [root] = groupSiblings(forest(), { expanded: new Set(), reveal: null, minSize: 7 });
    expect(kids(root)).toHaveLength(8);
  });
});

describe('groupSiblings with shapes', () => {
  it('groups repeated small subtrees, also among roots (exec probes)', () => {
    const probes = Array.from({ length: 5 }, (_, i) => [
      makeProcess({
        execId: `sh${i}`,
        parentExecId: 'runc',
        binary: '/bin/sh',
        state: 'replaced',
        startTime: at(i * 10),
      }),
      makeProcess({
        execId: `ready${i}`,
        parentExecId: `sh${i}`,
        binary: '/usr/bin/pg_isready',
        state: 'exited',
        status: 0,
        startTime: at(i * 10 + 1),
      }),
    ]).flat();
    const roots = groupSiblings(
      buildForest([makeProcess({ execId: 'pg', binary: '/usr/bin/postgres' }), ...probes]),
      { expanded: new Set(), reveal: null },
    );
    expect(roots.map((r) => r.kind)).toEqual(['process', 'group']);
    const group = roots[1];
    if (group?.kind !== 'group') throw new Error('expected a group');
    expect(group.id).toBe(groupId(null, '/bin/sh(/usr/bin/pg_isready)'));
    expect(chainLabel(group.chain)).toBe('sh › pg_isready');
    expect(group.size).toBe(10);
    expect(group.rootReason).toBe('external');
    expect(countOutcomes(group.outcomes)).toMatchObject({ ok: 5 });

    const revealed = groupSiblings(buildForest(probes), { expanded: new Set(), reveal: 'ready3' });
    expect(revealed.map((r) => r.id)).toEqual(['sh0', 'sh1', 'sh2', 'sh3', 'sh4']);
  });

  it('does not group different shapes or big subtrees', () => {
    const same = (i: number, child: string) => [
      makeProcess({ execId: `p${i}`, parentExecId: 'x', binary: '/bin/sh', startTime: at(i) }),
      makeProcess({ execId: `c${i}`, parentExecId: `p${i}`, binary: child, startTime: at(i) }),
    ];
    const mixed = [...same(0, '/a'), ...same(1, '/b'), ...same(2, '/a'), ...same(3, '/b')];
    expect(groupSiblings(buildForest(mixed), { expanded: new Set(), reveal: null })).toHaveLength(
      4,
    );
  });
});
