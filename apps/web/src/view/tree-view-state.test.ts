import { describe, expect, it } from 'vitest';
import { makeGroup, makeProcess } from '../test/fixtures.ts';
import { EMPTY_PROCESSES, type TreeState } from '../stores/live-store.ts';
import { treeViewState } from './tree-view-state.ts';

const G = 'pod/default/xwing';
const tree = (o: Partial<TreeState>): TreeState => ({
  group: G,
  status: 'ready',
  error: null,
  processes: EMPTY_PROCESSES,
  ...o,
});
const groups = new Map([[G, makeGroup({ key: G })]]);

describe('treeViewState', () => {
  it('welcomes when nothing is chosen, unless the server was never reached', () => {
    expect(treeViewState(null, tree({ group: null }), groups, 'live')).toBe('welcome');
    expect(treeViewState(null, tree({ group: null }), null, 'unreachable')).toBe('unreachable');
  });

  it('loads until the snapshot for this group arrived', () => {
    expect(treeViewState(G, tree({ status: 'loading' }), groups, 'live')).toBe('loading');
    expect(treeViewState(G, tree({ group: 'pod/x/y' }), groups, 'live')).toBe('loading');
  });

  it('reports a pod the server does not know as gone', () => {
    expect(treeViewState(G, tree({}), new Map(), 'live')).toBe('gone');
    expect(treeViewState(G, tree({}), groups, 'live')).toBe('empty');
  });

  it('is ready with processes, and an error wins over loading', () => {
    const processes = new Map([['a', makeProcess({ execId: 'a' })]]);
    expect(treeViewState(G, tree({ processes }), groups, 'reconnecting')).toBe('ready');
    expect(treeViewState(G, tree({ status: 'error', error: 'x' }), groups, 'live')).toBe('error');
  });
});
