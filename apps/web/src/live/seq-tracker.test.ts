import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seq-tracker.ts';

describe('SeqTracker', () => {
  it('accepts a first message, then last+1, and flags gaps and stale messages', () => {
    const t = new SeqTracker();
    expect(t.observe(5)).toBe('ok');
    expect(t.observe(6)).toBe('ok');
    expect(t.observe(9)).toBe('gap');
    expect(t.observe(10)).toBe('ok');
    expect(t.observe(10)).toBe('stale');
    expect(t.observe(3)).toBe('stale');
  });

  it('starts over after a reset (a new connection)', () => {
    const t = new SeqTracker();
    t.observe(40);
    t.reset();
    expect(t.observe(1)).toBe('ok');
  });
});
