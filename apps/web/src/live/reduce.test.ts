import { describe, expect, it } from 'vitest';
import { makeGroup, makeProcess } from '../test/fixtures.ts';
import { initialLiveState, type LiveState } from '../stores/live-store.ts';
import { MAX_MARKERS, reduceItems } from './reduce.ts';

const G = 'pod/default/xwing';
const filter = { group: G };

function withTree(): LiveState {
  const state = initialLiveState();
  return { ...state, tree: { ...state.tree, group: G, status: 'loading' } };
}

describe('reduceItems', () => {
  it('applies a snapshot then deltas, sharing unchanged process objects', () => {
    const a = makeProcess({ execId: 'a' });
    const b = makeProcess({ execId: 'b', parentExecId: 'a' });
    let state = withTree();
    state = {
      ...state,
      ...reduceItems(state, [
        { type: 'tree:snapshot', payload: { seq: 1, filter, processes: [a, b] } },
      ]),
    };
    expect(state.tree.status).toBe('ready');
    expect([...state.tree.processes.keys()]).toEqual(['a', 'b']);

    const before = state.tree.processes;
    const b2 = { ...b, state: 'exited' as const, status: 0 };
    const c = makeProcess({ execId: 'c', parentExecId: 'a' });
    const patch = reduceItems(state, [
      { type: 'tree:delta', payload: { seq: 2, filter, upserts: [b2], removes: [] } },
      { type: 'tree:delta', payload: { seq: 3, filter, upserts: [c], removes: ['a'] } },
    ]);
    state = { ...state, ...patch };
    expect(state.tree.processes).not.toBe(before);
    expect(before.size).toBe(2); // the previous map is never mutated
    expect(state.tree.processes.get('b')).toBe(b2);
    expect(state.tree.processes.has('a')).toBe(false);
    expect(state.tree.processes.get('c')).toBe(c);
  });

  it('ignores tree messages for another group', () => {
    const state = withTree();
    const patch = reduceItems(state, [
      {
        type: 'tree:snapshot',
        payload: {
          seq: 1,
          filter: { group: 'pod/x/y' },
          processes: [makeProcess({ execId: 'z' })],
        },
      },
    ]);
    expect(patch).toBeNull();
  });

  it('replaces groups on snapshot and upserts them on delta', () => {
    let state = initialLiveState();
    const xwing = makeGroup({ key: G });
    state = {
      ...state,
      ...reduceItems(state, [
        { type: 'groups:snapshot', payload: { seq: 1, groups: [xwing], markers: [] } },
      ]),
    };
    const updated = { ...xwing, processes: 5 };
    const other = makeGroup({ key: 'host/node-1', kind: 'host' });
    state = {
      ...state,
      ...reduceItems(state, [
        { type: 'groups:delta', payload: { seq: 2, groups: [updated, other], markers: [] } },
      ]),
    };
    expect(state.groups?.get(G)?.processes).toBe(5);
    expect(state.groups?.size).toBe(2);
  });

  it('merges loss markers by id and caps them', () => {
    let state = initialLiveState();
    const marker = (id: string) => ({
      id,
      node: 'n',
      time: null,
      kind: 'rate_limit' as const,
      dropped: 1,
      throttleType: null,
      cgroup: null,
    });
    state = {
      ...state,
      ...reduceItems(state, [
        { type: 'groups:snapshot', payload: { seq: 1, groups: [], markers: [marker('a')] } },
      ]),
    };
    const many = Array.from({ length: MAX_MARKERS + 10 }, (_, i) => marker(`m${i}`));
    state = {
      ...state,
      ...reduceItems(state, [
        { type: 'groups:delta', payload: { seq: 2, groups: [], markers: [marker('a'), ...many] } },
      ]),
    };
    expect(state.markers).toHaveLength(MAX_MARKERS);
    expect(state.markers.at(-1)?.id).toBe(`m${MAX_MARKERS + 9}`);
  });

  it('maps connection status', () => {
    const state = initialLiveState();
    expect(
      reduceItems(state, [
        {
          type: 'status',
          status: { kind: 'disconnected', reason: 'x', attempt: 2, everConnected: false },
        },
      ])?.connection,
    ).toEqual({ status: 'unreachable', attempt: 2, reason: 'x' });
    expect(
      reduceItems(state, [
        {
          type: 'status',
          status: { kind: 'disconnected', reason: 'x', attempt: 1, everConnected: true },
        },
      ])?.connection?.status,
    ).toBe('reconnecting');
  });
});
