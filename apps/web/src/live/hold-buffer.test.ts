import { describe, expect, it } from 'vitest';
import type { Process } from '@exectree/domain';
import { makeGroup, makeProcess } from '../test/fixtures.ts';
import { HoldBuffer, mustHold } from './hold-buffer.ts';
import type { IngestItem } from './reduce.ts';

const filter = { group: 'pod/default/xwing' };
const delta = (upserts: Process[], removes: string[] = []): IngestItem => ({
  type: 'tree:delta',
  payload: { seq: 1, filter, upserts, removes },
});
const snapshot = (processes: Process[]): IngestItem => ({
  type: 'tree:snapshot',
  payload: { seq: 1, filter, processes },
});
const shown = new Map([['a', makeProcess({ execId: 'a' })]]);

describe('mustHold', () => {
  const ready = { treeReady: true, groupsReady: true };
  const fresh = { treeReady: false, groupsReady: false };

  it('holds deltas, and snapshots only of streams already on screen', () => {
    expect(mustHold(delta([]), fresh)).toBe(true);
    expect(mustHold(snapshot([]), ready)).toBe(true);
    expect(mustHold(snapshot([]), fresh)).toBe(false);
    const groups: IngestItem = {
      type: 'groups:snapshot',
      payload: { seq: 1, groups: [makeGroup({ key: 'pod/a/b' })], markers: [] },
    };
    expect(mustHold(groups, ready)).toBe(true);
    expect(mustHold(groups, fresh)).toBe(false);
    expect(
      mustHold({ type: 'groups:delta', payload: { seq: 1, groups: [], markers: [] } }, fresh),
    ).toBe(true);
  });

  it('never holds the connection status', () => {
    expect(
      mustHold(
        { type: 'status', status: { kind: 'connected' } },
        { treeReady: true, groupsReady: true },
      ),
    ).toBe(false);
  });
});

describe('HoldBuffer', () => {
  it('counts each changed process once, however many deltas touch it', () => {
    const hold = new HoldBuffer();
    hold.add(delta([makeProcess({ execId: 'b' })]), shown);
    hold.add(delta([makeProcess({ execId: 'b', state: 'exited' })]), shown);
    hold.add(delta([], ['a']), shown);
    expect(hold.changes).toBe(2);
    // Re-sent unchanged, or removing what is not shown: nothing new.
    hold.add(delta([makeProcess({ execId: 'a' })], ['never-shown']), shown);
    expect(hold.changes).toBe(2);
    expect(hold.size).toBe(4);
    const { items, resync } = hold.drain();
    expect(items).toHaveLength(4);
    expect(resync).toBe(false);
    expect(hold.changes).toBe(0);
  });

  it('lets a held snapshot replace earlier tree messages and counts what it changes', () => {
    const hold = new HoldBuffer();
    hold.add(delta([makeProcess({ execId: 'x' })]), shown);
    hold.add(snapshot([makeProcess({ execId: 'a' }), makeProcess({ execId: 'c' })]), shown);
    // "a" is unchanged, "c" is new.
    expect(hold.changes).toBe(1);
    expect(hold.drain().items.map((i) => i.type)).toEqual(['tree:snapshot']);

    hold.add(snapshot([]), shown);
    expect(hold.changes).toBe(1); // "a" went away
  });

  it('drops tree messages when the user opens another group', () => {
    const hold = new HoldBuffer();
    hold.add(delta([makeProcess({ execId: 'x' })]), shown);
    hold.add({ type: 'groups:delta', payload: { seq: 2, groups: [], markers: [] } }, shown);
    hold.dropTree();
    expect(hold.changes).toBe(0);
    expect(hold.drain().items.map((i) => i.type)).toEqual(['groups:delta']);
  });

  it('stops keeping messages past its limit and asks for a resync instead', () => {
    const hold = new HoldBuffer(3);
    for (let i = 0; i < 5; i++) hold.add(delta([makeProcess({ execId: `p${i}` })]), shown);
    expect(hold.changes).toBe(5);
    expect(hold.size).toBe(0);
    expect(hold.drain()).toEqual({ items: [], resync: true });
  });
});
