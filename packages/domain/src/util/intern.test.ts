import { describe, expect, it } from 'vitest';
import { StringIntern } from './intern.ts';

describe('StringIntern', () => {
  it('returns the first copy of an equal string', () => {
    const intern = new StringIntern();
    const first = intern.intern(['/usr', 'bin'].join('/'));
    expect(intern.intern('/usr/bin')).toBe(first);
    expect(intern.size).toBe(1);
  });

  it('starts over at capacity instead of growing', () => {
    const intern = new StringIntern(3);
    for (let i = 0; i < 10; i++) intern.intern(`value-${i}`);
    expect(intern.size).toBeLessThanOrEqual(3);
    expect(intern.intern('value-9')).toBe('value-9');
  });
});
