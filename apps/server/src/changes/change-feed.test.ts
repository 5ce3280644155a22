import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TreeChanges } from '@exectree/domain';
import { createChangeFeed, isEmpty } from './change-feed.ts';

const empty = (): TreeChanges => ({ upserts: [], removes: [], groups: [], markers: [] });
const removal = (execId: string): TreeChanges => ({
  ...empty(),
  removes: [{ execId, group: 'host/n' }],
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createChangeFeed', () => {
  it('drains once per tick and hands the same changes to every listener', () => {
    vi.useFakeTimers();
    const drained = [removal('a'), empty()];
    const tree = { drainChanges: vi.fn(() => drained.shift() ?? empty()) };
    const logs: string[] = [];
    const feed = createChangeFeed({ tree, log: (line) => logs.push(line), intervalMs: 100 });
    const first: TreeChanges[] = [];
    const second: TreeChanges[] = [];
    feed.subscribe(() => {
      throw new Error('boom');
    });
    feed.subscribe((changes) => first.push(changes));
    const unsubscribe = feed.subscribe((changes) => second.push(changes));

    vi.advanceTimersByTime(100);
    expect(tree.drainChanges).toHaveBeenCalledTimes(1);
    expect(first).toEqual([removal('a')]);
    expect(second[0]).toBe(first[0]);
    expect(logs).toEqual(['changes: listener failed: boom']);

    unsubscribe();
    vi.advanceTimersByTime(100);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);

    feed.close();
    vi.advanceTimersByTime(1_000);
    expect(tree.drainChanges).toHaveBeenCalledTimes(2);
    feed.flush();
    expect(tree.drainChanges).toHaveBeenCalledTimes(3);
  });

  it('drains soon after a change, at most once per gap, and not after close', () => {
    vi.useFakeTimers();
    let clock = 0;
    const tree = { drainChanges: vi.fn(empty) };
    const feed = createChangeFeed({
      tree,
      log: () => {},
      intervalMs: 1_000,
      eagerGapMs: 20,
      now: () => clock,
    });
    const advance = (ms: number) => {
      clock += ms;
      vi.advanceTimersByTime(ms);
    };

    feed.touched();
    feed.touched();
    advance(1);
    expect(tree.drainChanges).toHaveBeenCalledTimes(1);

    // Within the gap of the last drain: waits for the gap, then one drain for all changes.
    advance(4);
    feed.touched();
    feed.touched();
    advance(10);
    expect(tree.drainChanges).toHaveBeenCalledTimes(1);
    advance(6);
    expect(tree.drainChanges).toHaveBeenCalledTimes(2);

    // An explicit flush takes the pending one's place.
    feed.touched();
    feed.flush();
    advance(50);
    expect(tree.drainChanges).toHaveBeenCalledTimes(3);

    feed.touched();
    feed.close();
    advance(2_000);
    expect(tree.drainChanges).toHaveBeenCalledTimes(3);
  });

  it('tells empty drains apart', () => {
    expect(isEmpty(empty())).toBe(true);
    expect(isEmpty(removal('a'))).toBe(false);
  });
});
