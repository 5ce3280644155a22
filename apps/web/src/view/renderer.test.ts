import { describe, expect, it } from 'vitest';
import { makeProcess } from '../test/fixtures.ts';
import { chooseRenderer } from './renderer.ts';
import { sameItem } from './same-item.ts';
import type { ProcessItem } from './grouping.ts';

describe('chooseRenderer', () => {
  it('switches to canvas above 1,500 nodes and back below 1,200', () => {
    expect(chooseRenderer(1_500, 'svg')).toBe('svg');
    expect(chooseRenderer(1_501, 'svg')).toBe('canvas');
    expect(chooseRenderer(1_300, 'canvas')).toBe('canvas');
    expect(chooseRenderer(1_199, 'canvas')).toBe('svg');
  });
});

describe('sameItem', () => {
  const process = makeProcess({ execId: 'a' });
  const item: ProcessItem = {
    kind: 'process',
    id: 'a',
    process,
    images: [process],
    rootReason: null,
    children: [],
    childCount: 0,
    open: true,
    descendants: 0,
    flaggedDescendants: 0,
  };

  it('compares what the card shows, not object identity', () => {
    expect(sameItem(item, { ...item, images: [process], children: [] })).toBe(true);
    expect(sameItem(item, { ...item, open: false })).toBe(false);
    expect(sameItem(item, { ...item, images: [{ ...process, state: 'exited' }] })).toBe(false);
    expect(sameItem(item, { ...item, flaggedDescendants: 1 })).toBe(false);
  });
});
