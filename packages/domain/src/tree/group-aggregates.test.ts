import { describe, expect, it } from 'vitest';
import { GroupAggregates, type Contribution } from './group-aggregates.ts';

function member(id: number, patch: Partial<Contribution> = {}): Contribution {
  const start = `2026-01-01T00:00:${String(id).padStart(2, '0')}.000000000Z`;
  return {
    group: 'pod/ns/web',
    state: 'running',
    flagged: false,
    start,
    last: start,
    node: 'node-a',
    pod: undefined,
    ...patch,
  };
}

/** Aggregates over a mutable member list, counting the full passes over it. */
function setup(members: Contribution[]) {
  const current = new Map(members.map((m, i) => [i, m]));
  let passes = 0;
  const aggregates = new GroupAggregates(() => {
    passes += 1;
    return current.values();
  });
  for (const m of members) aggregates.add(m);
  return {
    aggregates,
    passes: () => passes,
    replace(i: number, next: Contribution) {
      aggregates.update(current.get(i), next);
      current.set(i, next);
    },
  };
}

function recomputed(members: Iterable<Contribution>) {
  const fresh = new GroupAggregates(() => members);
  for (const m of members) fresh.add(m);
  return fresh.summary('pod/ns/web');
}

describe('GroupAggregates.update', () => {
  it('widens the last-seen time on an exit without walking the group', () => {
    const members = [member(1), member(2), member(3)];
    const s = setup(members);
    const exit = '2026-01-01T00:01:00.000000000Z';
    s.replace(1, { ...members[1]!, state: 'exited', last: exit });
    expect(s.aggregates.summary('pod/ns/web')).toMatchObject({
      running: 2,
      exited: 1,
      lastSeen: exit,
      firstSeen: members[0]!.start,
    });
    expect(s.passes()).toBe(0);
  });

  it('gives what a fresh count gives after many outward moves and flag changes', () => {
    const members = Array.from({ length: 20 }, (_, i) => member(i + 1));
    const s = setup(members);
    const now = [...members];
    for (let i = 0; i < 20; i += 3) {
      const next = {
        ...now[i]!,
        state: 'exited' as const,
        flagged: i % 2 === 0,
        last: `2026-01-01T00:02:${String(i).padStart(2, '0')}.000000000Z`,
      };
      s.replace(i, next);
      now[i] = next;
    }
    expect(s.aggregates.summary('pod/ns/web')).toEqual(recomputed(now));
    expect(s.passes()).toBe(0);
  });

  it('recomputes when a member that held the first start moves it later', () => {
    const members = [member(1), member(5)];
    const s = setup(members);
    const later = { ...members[0]!, start: member(9).start, last: member(9).start };
    s.replace(0, later);
    expect(s.aggregates.summary('pod/ns/web')?.firstSeen).toBe(members[1]!.start);
    expect(s.passes()).toBe(1);
  });

  it('recomputes when the node changes', () => {
    const members = [member(1), member(2, { node: 'node-b' })];
    const s = setup(members);
    s.replace(0, { ...members[0]!, node: 'node-c' });
    expect(s.aggregates.summary('pod/ns/web')?.node).toBe('node-b');
  });
});
