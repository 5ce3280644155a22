import { describe, expect, it } from 'vitest';
import { buildForest } from './hierarchy.ts';
import { makeProcess, ungrouped as display } from '../test/fixtures.ts';
import { layoutForest } from './layout.ts';
import { nextFocus } from './graph-nav.ts';

const layout = layoutForest(
  display(
    buildForest([
      makeProcess({ execId: 'r', startTime: '2024-01-01T00:00:00Z' }),
      makeProcess({ execId: 'a', parentExecId: 'r', startTime: '2024-01-01T00:00:01Z' }),
      makeProcess({ execId: 'a1', parentExecId: 'a', startTime: '2024-01-01T00:00:02Z' }),
      makeProcess({ execId: 'b', parentExecId: 'r', startTime: '2024-01-01T00:00:03Z' }),
    ]),
  ),
);

describe('nextFocus', () => {
  it('walks depth-first with up and down', () => {
    expect(nextFocus(layout, 'r', 'ArrowDown')).toBe('a');
    expect(nextFocus(layout, 'a1', 'ArrowDown')).toBe('b');
    expect(nextFocus(layout, 'b', 'ArrowDown')).toBe('b');
    expect(nextFocus(layout, 'b', 'ArrowUp')).toBe('a1');
  });

  it('goes to the parent and the first child with left and right', () => {
    expect(nextFocus(layout, 'a1', 'ArrowLeft')).toBe('a');
    expect(nextFocus(layout, 'r', 'ArrowLeft')).toBe('r');
    expect(nextFocus(layout, 'a', 'ArrowRight')).toBe('a1');
    expect(nextFocus(layout, 'a1', 'ArrowRight')).toBe('a1');
  });

  it('starts at the ends without a current node', () => {
    expect(nextFocus(layout, null, 'ArrowDown')).toBe('r');
    expect(nextFocus(layout, 'missing', 'End')).toBe('b');
    expect(nextFocus(layout, 'a', 'Home')).toBe('r');
  });
});
