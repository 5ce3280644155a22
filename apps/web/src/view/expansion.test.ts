import { describe, expect, it } from 'vitest';
import { toggleExpansion } from './expansion.ts';

const none = { expanded: new Set<string>(), collapsed: new Set<string>() };

describe('toggleExpansion', () => {
  it('opens groups through `expanded` and closes processes through `collapsed`', () => {
    const a = toggleExpansion(none, 'group:x:/bin/sh', true, []);
    expect([...a.expanded]).toEqual(['group:x:/bin/sh']);
    const b = toggleExpansion(a, 'proc', false, []);
    expect([...b.collapsed]).toEqual(['proc']);
    const c = toggleExpansion(b, 'group:x:/bin/sh', false, []);
    expect([...c.expanded]).toEqual([]);
    expect([...toggleExpansion(c, 'proc', true, []).collapsed]).toEqual([]);
  });

  it('keeps what the selection forced open when something else is folded', () => {
    const current = { expanded: new Set<string>(), collapsed: new Set(['root', 'mid']) };
    const next = toggleExpansion(current, 'other', false, ['root', 'group:root:/x']);
    expect([...next.collapsed].sort()).toEqual(['mid', 'other']);
    expect([...next.expanded]).toEqual(['group:root:/x']);
    // Folding a forced node itself wins over keeping it open.
    expect([...toggleExpansion(current, 'root', false, ['root']).collapsed].sort()).toEqual([
      'mid',
      'root',
    ]);
  });

  it('does not change the sets it was given', () => {
    const current = { expanded: new Set<string>(), collapsed: new Set(['a']) };
    toggleExpansion(current, 'b', false, ['a']);
    expect([...current.collapsed]).toEqual(['a']);
  });
});
