import { describe, expect, it } from 'vitest';
import { matchLabel, stepMatch } from './match-nav.ts';

const order = ['root', 'a', 'b', 'c', 'd', 'e'];
const positionOf = (id: string) => {
  const i = order.indexOf(id);
  return i < 0 ? undefined : i;
};
const matches = ['a', 'c', 'e'];

describe('stepMatch', () => {
  it('walks matches in order and wraps at both ends', () => {
    expect(stepMatch(matches, 'a', 1, positionOf)).toBe('c');
    expect(stepMatch(matches, 'e', 1, positionOf)).toBe('a');
    expect(stepMatch(matches, 'a', -1, positionOf)).toBe('e');
    expect(stepMatch(matches, 'c', -1, positionOf)).toBe('a');
  });

  it('starts at the first or last match without a selection', () => {
    expect(stepMatch(matches, null, 1, positionOf)).toBe('a');
    expect(stepMatch(matches, null, -1, positionOf)).toBe('e');
    expect(stepMatch(matches, 'gone', 1, positionOf)).toBe('a');
  });

  it('continues from a selection that is not a match, in tree order', () => {
    expect(stepMatch(matches, 'b', 1, positionOf)).toBe('c');
    expect(stepMatch(matches, 'b', -1, positionOf)).toBe('a');
    expect(stepMatch(matches, 'root', -1, positionOf)).toBe('e');
    expect(stepMatch(['a'], 'd', 1, positionOf)).toBe('a');
  });

  it('has nowhere to go without matches', () => {
    expect(stepMatch([], 'a', 1, positionOf)).toBeNull();
  });
});

describe('matchLabel', () => {
  it('says where the selection is among the matches', () => {
    expect(matchLabel(matches, 'c')).toBe('2 of 3');
    expect(matchLabel(matches, 'b')).toBe('3 matches');
    expect(matchLabel(['a'], null)).toBe('1 match');
    expect(matchLabel([], null)).toBe('No matches');
    expect(
      matchLabel(
        Array.from({ length: 1200 }, (_, i) => `m${i}`),
        'm4',
      ),
    ).toBe('5 of 1,200');
  });
});
