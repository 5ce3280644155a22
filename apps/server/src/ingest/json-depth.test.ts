import { describe, expect, it } from 'vitest';
import { nestedDeeperThan } from './json-depth.ts';

const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('nestedDeeperThan', () => {
  it('counts objects and arrays inside each other', () => {
    expect(nestedDeeperThan(nest(64), 64)).toBe(false);
    expect(nestedDeeperThan(nest(65), 64)).toBe(true);
    expect(nestedDeeperThan(`{"a":${nest(3)},"b":{"c":[1,{"d":2}]}}`, 4)).toBe(false);
    expect(nestedDeeperThan(`{"a":${nest(3)}}`, 3)).toBe(true);
    expect(nestedDeeperThan(`{"a":{"b":{"c":{"d":1}}}}`, 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const brackets = '['.repeat(200);
    expect(nestedDeeperThan(`{"args":"${brackets}"}`, 2)).toBe(false);
    expect(nestedDeeperThan(`{"args":"a \\" ${brackets}"}`, 2)).toBe(false);
    expect(nestedDeeperThan(`{"args":"a \\\\"}${'['.repeat(10)}`, 5)).toBe(true);
  });

  it('settles lines with few brackets by counting them, and counts the rest exactly', () => {
    const wide = `[${Array.from({ length: 100 }, () => '{"a":[1]}').join(',')}]`;
    expect(nestedDeeperThan(wide, 3)).toBe(false);
    expect(nestedDeeperThan(`[${wide}]`, 3)).toBe(true);
    expect(nestedDeeperThan(`{"s":"${'{'.repeat(100)}","a":${nest(3)}}`, 3)).toBe(true);
  });

  it('stops at the limit without reading a 10,000-deep line to its end', () => {
    expect(nestedDeeperThan(nest(10_000))).toBe(true);
  });
});
