import { describe, expect, it } from 'vitest';
import type { Process } from '@exectree/domain';
import { makeProcess } from '../test/fixtures.ts';
import { liveCounter } from './live-count.ts';
import { recordChange } from './map-lineage.ts';

describe('liveCounter', () => {
  it('follows recorded changes: additions, replacements and removals', () => {
    const running = liveCounter((p) => p.state === 'running');
    const a = new Map<string, Process>([
      ['x', makeProcess({ execId: 'x' })],
      ['y', makeProcess({ execId: 'y', state: 'exited' })],
    ]);
    expect(running(a)).toBe(1);
    const b = new Map(a);
    b.set('z', makeProcess({ execId: 'z' }));
    b.set('x', makeProcess({ execId: 'x', state: 'exited' }));
    b.delete('y');
    recordChange(b, a, new Set(['x', 'y', 'z']));
    expect(running(b)).toBe(1);
    const c = new Map(b);
    c.delete('z');
    recordChange(c, b, new Set(['z']));
    expect(running(c)).toBe(0);
    // An unrelated map is counted from scratch.
    expect(running(a)).toBe(1);
  });
});
