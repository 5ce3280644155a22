import { describe, expect, it } from 'vitest';
import { bareSnapshot, type ProcessSnapshot } from '../tetragon/parsed-event.ts';
import {
  BINARY_CHANGED,
  MergedProcess,
  PARENT_CHANGED,
  RANK_EMBEDDED,
  RANK_EVENT,
  RANK_EXEC,
  mergeSnapshot,
} from './merged-process.ts';

function snapshot(fields: Partial<ProcessSnapshot>): ProcessSnapshot {
  return { ...bareSnapshot('x'), ...fields };
}

const same = (s: string) => s;

describe('mergeSnapshot', () => {
  it('keeps each field from the highest-ranked snapshot, whatever the order', () => {
    const exec = snapshot({ binary: '/bin/a', cwd: '/exec', startTime: '2026-01-01T00:00:01Z' });
    const embedded = snapshot({ binary: '/bin/z', cwd: '/z', parentExecId: 'p' });
    for (const [first, second] of [
      [
        [exec, RANK_EXEC],
        [embedded, RANK_EMBEDDED],
      ],
      [
        [embedded, RANK_EMBEDDED],
        [exec, RANK_EXEC],
      ],
    ] as const) {
      const m = new MergedProcess('x');
      mergeSnapshot(m, first[0], first[1], 'n', undefined, same);
      mergeSnapshot(m, second[0], second[1], 'n', undefined, same);
      expect([m.binary, m.cwd, m.parentExecId, m.startTime]).toEqual([
        '/bin/a',
        '/exec',
        'p',
        '2026-01-01T00:00:01Z',
      ]);
      expect([m.rankOf('binary'), m.rankOf('parentExecId'), m.rankOf('pod')]).toEqual([3, 1, 0]);
      expect(m.bestRank).toBe(RANK_EXEC);
    }
  });

  it('breaks ties between equal ranks by the larger value and reports what changed', () => {
    const m = new MergedProcess('x');
    const first = mergeSnapshot(m, snapshot({ binary: '/bin/a' }), RANK_EVENT, '', undefined, same);
    expect(first & BINARY_CHANGED).toBeTruthy();
    expect(mergeSnapshot(m, snapshot({ binary: '/bin/0' }), RANK_EVENT, '', undefined, same)).toBe(
      0,
    );
    const third = mergeSnapshot(
      m,
      snapshot({ binary: '/bin/b', parentExecId: 'p' }),
      RANK_EVENT,
      '',
      undefined,
      same,
    );
    expect(third & (BINARY_CHANGED | PARENT_CHANGED)).toBe(BINARY_CHANGED | PARENT_CHANGED);
    expect(m.binary).toBe('/bin/b');
    expect(m.node).toBeUndefined();
  });

  it('passes repeated strings through the intern function, not per-process ones', () => {
    const m = new MergedProcess('x');
    const interned = (value: string) => `interned:${value}`;
    const fields = { binary: '/bin/env', cwd: '/', arguments: '-i', parentExecId: 'p' };
    mergeSnapshot(m, snapshot(fields), RANK_EXEC, 'n', undefined, interned);
    expect([m.binary, m.cwd, m.node, m.arguments, m.parentExecId]).toEqual([
      'interned:/bin/env',
      'interned:/',
      'interned:n',
      '-i',
      'p',
    ]);
  });
});
