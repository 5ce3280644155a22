import { describe, expect, it } from 'vitest';
import type { Process } from '@exectree/domain';
import { at, makeProcess } from '../test/fixtures.ts';
import { buildForest } from './hierarchy.ts';
import { deriveExplorerView, treeOrder, withAncestors } from './explorer-view.ts';
import { EMPTY_QUERY } from './search-query.ts';

function mapOf(...processes: Process[]): ReadonlyMap<string, Process> {
  return new Map(processes.map((p) => [p.execId, p]));
}

const exited = (
  execId: string,
  parentExecId: string | null,
  start: number,
  end: number,
  binary = '/bin/sh',
) =>
  makeProcess({
    execId,
    parentExecId,
    binary,
    startTime: at(start),
    state: 'exited',
    exitTime: at(end),
    status: 0,
  });

// init ─┬─ early (0..5)  ── early-child (1..2, curl)
//       └─ late (50..60) ── late-child (51..52, curl)
const processes = mapOf(
  makeProcess({ execId: 'init', startTime: at(0), binary: '/sbin/init' }),
  exited('early', 'init', 0, 5),
  exited('early-child', 'early', 1, 2, '/usr/bin/curl'),
  exited('late', 'init', 50, 60),
  exited('late-child', 'late', 51, 52, '/usr/bin/curl'),
);

const base = { processes, query: EMPTY_QUERY, range: null, onlyMatches: false };

describe('deriveExplorerView', () => {
  it('shows everything, unchanged, when nothing filters', () => {
    const view = deriveExplorerView(base);
    expect(view.visible).toBe(processes);
    expect(view.searching).toBe(false);
    expect(view.matches).toEqual([]);
  });

  it('lists matches in depth-first tree order', () => {
    const view = deriveExplorerView({ ...base, query: { ...EMPTY_QUERY, text: 'curl' } });
    expect(view.matches).toEqual(['early-child', 'late-child']);
    expect(view.matchSet.has('late-child')).toBe(true);
    expect(view.visible).toBe(processes);
  });

  it('keeps processes alive in the range, with the ancestors that connect them', () => {
    const view = deriveExplorerView({ ...base, range: { from: at(50.5), to: at(51.5) } });
    expect([...view.visible.keys()].sort()).toEqual(['init', 'late', 'late-child']);
    expect(view.context.size).toBe(0);

    const narrow = deriveExplorerView({ ...base, range: { from: at(51.2), to: at(51.4) } });
    // init runs on and late runs until 60: all alive; early has ended.
    expect([...narrow.visible.keys()].sort()).toEqual(['init', 'late', 'late-child']);
  });

  it('keeps ancestors that ended before the range as context', () => {
    const p = mapOf(exited('parent', null, 0, 1), exited('child', 'parent', 0.5, 30));
    const view = deriveExplorerView({ ...base, processes: p, range: { from: at(10), to: at(20) } });
    expect([...view.visible.keys()].sort()).toEqual(['child', 'parent']);
    expect([...view.context]).toEqual(['parent']);
  });

  it('restricts matches to the range and can show only matches', () => {
    const query = { ...EMPTY_QUERY, text: 'curl' };
    const ranged = deriveExplorerView({ ...base, query, range: { from: at(40), to: at(70) } });
    expect(ranged.matches).toEqual(['late-child']);

    const only = deriveExplorerView({ ...base, query, onlyMatches: true });
    expect([...only.visible.keys()].sort()).toEqual([
      'early',
      'early-child',
      'init',
      'late',
      'late-child',
    ]);
    expect([...only.context].sort()).toEqual(['early', 'init', 'late']);
  });

  it('shows nothing for a range nothing ran in', () => {
    const view = deriveExplorerView({
      ...base,
      processes: mapOf(exited('a', null, 0, 1)),
      range: { from: at(10), to: at(20) },
    });
    expect(view.visible.size).toBe(0);
    expect(view.forest).toEqual([]);
  });
});

describe('withAncestors', () => {
  it('stops at loops and at parents outside the group', () => {
    const loop = mapOf(
      makeProcess({ execId: 'a', parentExecId: 'b' }),
      makeProcess({ execId: 'b', parentExecId: 'a' }),
      makeProcess({ execId: 'c', parentExecId: 'outside' }),
    );
    const { visible, context } = withAncestors(new Set(['a', 'c']), loop);
    expect([...visible.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect([...context]).toEqual(['b']);
  });
});

describe('treeOrder', () => {
  it('is depth-first pre-order, children by start time', () => {
    expect(treeOrder(buildForest(processes.values()))).toEqual([
      'init',
      'early',
      'early-child',
      'late',
      'late-child',
    ]);
  });
});
