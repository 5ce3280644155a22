import { describe, expect, it } from 'vitest';
import { Tombstones } from './tombstones.ts';
import { WaitingExits } from './waiting-exits.ts';
import { ProbeCounts } from './probe-counts.ts';

describe('Tombstones', () => {
  it('remembers the last `capacity` ids, oldest out first, repeats not refreshed', () => {
    const t = new Tombstones(2);
    t.add('a');
    t.add('b');
    t.add('a');
    t.add('c');
    expect(['a', 'b', 'c'].map((id) => t.has(id))).toEqual([false, true, true]);
    expect(t.size).toBe(2);
  });

  it('remembers nothing with capacity 0', () => {
    const t = new Tombstones(0);
    t.add('a');
    expect(t.has('a')).toBe(false);
  });
});

describe('WaitingExits', () => {
  it('lets go of the oldest beyond capacity, a tenth more at once, and counts them', () => {
    const w = new WaitingExits(10);
    for (let i = 0; i < 10; i++) w.set(`k${i}`, true);
    expect(w.overflow()).toEqual([]);
    w.set('k10', true);
    expect(w.overflow()).toEqual(['k0', 'k1']);
    expect(w.evicted).toBe(2);
  });

  it('forgets a key once its exit stops waiting', () => {
    const w = new WaitingExits(1);
    w.set('a', true);
    w.set('a', false);
    w.set('b', true);
    expect(w.overflow()).toEqual([]);
    expect(w.size).toBe(1);
  });
});

describe('ProbeCounts', () => {
  it('counts each id once per process and forgets a process whole', () => {
    const p = new ProbeCounts(8);
    expect([p.attach('x', 'e1'), p.attach('x', 'e1'), p.attach('y', 'e1')]).toEqual([
      true,
      false,
      true,
    ]);
    expect([p.count('x'), p.count('y'), p.count('z')]).toEqual([1, 1, 0]);
    p.forget('x');
    expect(p.count('x')).toBe(0);
  });
});
