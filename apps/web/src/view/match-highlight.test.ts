import { describe, expect, it } from 'vitest';
import { highlightNodes, NO_HIGHLIGHTS } from './match-highlight.ts';

describe('highlightNodes', () => {
  const locate = new Map([
    ['a', 'a'],
    ['b', 'group:x'],
    ['c', 'group:x'],
    ['ctx', 'ctx'],
    ['hidden-ctx', 'a'],
  ]);

  it('rings the node that shows each match, itself or a closed one', () => {
    const h = highlightNodes(['a', 'b', 'c'], new Set(), locate);
    expect([...h.matched]).toEqual(['a', 'group:x']);
  });

  it('dims context nodes drawn for themselves only', () => {
    const h = highlightNodes([], new Set(['ctx', 'hidden-ctx']), locate);
    expect([...h.dimmed]).toEqual(['ctx']);
  });

  it('caps the sets and shares the empty answer', () => {
    expect(highlightNodes(['a', 'b'], new Set(), locate, 1).matched.size).toBe(1);
    expect(highlightNodes([], new Set(), locate)).toBe(NO_HIGHLIGHTS);
  });
});
