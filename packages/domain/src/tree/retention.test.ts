import { describe, expect, it } from 'vitest';
import type { ProcessState } from '../process.ts';
import { ProcessTreeBuilder } from './process-tree-builder.ts';
import {
  endedSubtrees,
  exitOnlyId,
  retentionCutoffKey,
  type RetentionProcess,
} from './retention.ts';
import {
  execLine,
  exitLine,
  idOf,
  parseAll,
  type ProcSpec,
} from '../test-support/event-factory.ts';

/** `t(5)` is five minutes past 2026-01-01T00:00Z. */
const t = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, '0')}:00Z`;
const key = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000000000Z`;

function p(
  execId: string,
  parentExecId: string | null,
  state: ProcessState,
  start: number | null,
  exit: number | null = null,
): RetentionProcess {
  return {
    execId,
    parentExecId,
    state,
    startTime: start === null ? null : t(start),
    exitTime: exit === null ? null : t(exit),
  };
}

const ids = (subtrees: ReturnType<typeof endedSubtrees>) =>
  subtrees.map((s) => [...s.execIds].sort());

describe('endedSubtrees', () => {
  it('deletes an old exited subtree under a running root and keeps the root', () => {
    const processes = [
      p('init', null, 'running', 0),
      p('sh', 'init', 'exited', 1, 3),
      p('ls', 'sh', 'exited', 2, 2),
      p('cat', 'sh', 'exited', 2, 2),
    ];
    const subtrees = endedSubtrees(processes, { before: key(10) });
    expect(subtrees).toEqual([{ root: 'sh', execIds: ['sh', 'ls', 'cat'], newestKey: key(3) }]);
  });

  it('never deletes a running process or any of its ancestors', () => {
    const processes = [
      p('init', null, 'exited', 0, 1),
      p('sh', 'init', 'exited', 1, 2),
      p('sleep', 'sh', 'running', 2),
      p('done', 'init', 'exited', 1, 2),
    ];
    expect(ids(endedSubtrees(processes, { before: key(59) }))).toEqual([['done']]);
    expect(ids(endedSubtrees(processes))).toEqual([['done']]);
  });

  it('judges a subtree by its newest start or exit, and may take part of an ended subtree', () => {
    const processes = [
      p('root', null, 'exited', 0, 1),
      p('old', 'root', 'exited', 1, 2),
      p('new', 'root', 'exited', 1, 30),
      p('late-child', 'old', 'exited', 20, 21),
    ];
    expect(ids(endedSubtrees(processes, { before: key(10) }))).toEqual([]);
    expect(ids(endedSubtrees(processes, { before: key(25) }))).toEqual([['late-child', 'old']]);
    expect(ids(endedSubtrees(processes, { before: key(31) }))).toEqual([
      ['late-child', 'new', 'old', 'root'],
    ]);
    expect(endedSubtrees(processes)).toEqual([
      { root: 'root', execIds: ['root', 'old', 'new', 'late-child'], newestKey: key(30) },
    ]);
  });

  it('treats replaced images as ended', () => {
    const processes = [
      p('shell', 'init', 'replaced', 1),
      p('nginx', 'shell', 'exited', 1, 4),
      p('init', null, 'running', 0),
    ];
    expect(ids(endedSubtrees(processes, { before: key(5) }))).toEqual([['nginx', 'shell']]);
    const running = processes.map((x) =>
      x.execId === 'nginx' ? { ...x, state: 'running' as const } : x,
    );
    expect(endedSubtrees(running, { before: key(5) })).toEqual([]);
  });

  it('sorts the subtrees oldest first, exec id on ties', () => {
    const processes = [
      p('init', null, 'running', 0),
      p('b', 'init', 'exited', 1, 5),
      p('a', 'init', 'exited', 1, 5),
      p('c', 'init', 'exited', 1, 2),
    ];
    expect(endedSubtrees(processes).map((s) => s.root)).toEqual(['c', 'a', 'b']);
  });

  it('roots a process whose parent is unknown or itself, and counts unknown times as oldest', () => {
    const processes = [
      p('orphan', 'gone', 'exited', null),
      p('kernel', 'kernel', 'exited', 0, 1),
      p('child', 'kernel', 'exited', 1, 2),
    ];
    expect(endedSubtrees(processes, { before: key(3) })).toEqual([
      { root: 'orphan', execIds: ['orphan'], newestKey: '' },
      { root: 'kernel', execIds: ['kernel', 'child'], newestKey: key(2) },
    ]);
  });

  it('hangs an ended parent loop under its smallest exec id, descendants included', () => {
    const processes = [
      p('x', 'z', 'exited', 1, 2),
      p('y', 'x', 'exited', 1, 2),
      p('z', 'y', 'exited', 1, 3),
      p('leaf', 'y', 'exited', 1, 4),
      p('up', 'leaf', 'exited', 1, 2),
    ];
    expect(endedSubtrees(processes, { before: key(5) })).toEqual([
      { root: 'x', execIds: ['x', 'y', 'z', 'leaf', 'up'], newestKey: key(4) },
    ]);
    expect(ids(endedSubtrees(processes, { before: key(4) }))).toEqual([['up']]);
  });

  it('keeps a loop with a running member, and finds the loop when entered from below', () => {
    const loop = [p('m', 'n', 'exited', 1, 2), p('n', 'm', 'exited', 1, 2)];
    expect(endedSubtrees([...loop, p('r', 'm', 'running', 1)])).toEqual([]);
    const tail = p('tail', 'n', 'exited', 1, 9);
    expect(ids(endedSubtrees([tail, ...loop], { before: key(10) }))).toEqual([['m', 'n', 'tail']]);
    expect(endedSubtrees([tail, ...loop], { before: key(10) })[0]?.root).toBe('m');
  });

  it('covers every eligible process once on a long chain', () => {
    const chain = Array.from({ length: 50_000 }, (_, i) =>
      p(`c${i}`, i === 0 ? null : `c${i - 1}`, 'exited', 1, 2),
    );
    const [subtree, ...rest] = endedSubtrees(chain);
    expect(rest).toEqual([]);
    expect(subtree?.root).toBe('c0');
    expect(new Set(subtree?.execIds).size).toBe(50_000);
  });
});

describe('exitOnlyId', () => {
  it('names the stand-in the builder shows for an exit without exec_id', () => {
    const init: ProcSpec = { pid: 43, binary: '/bin/bash' };
    const child: ProcSpec = { pid: 51, binary: '/usr/bin/whoami', parent: init };
    const builder = new ProcessTreeBuilder();
    for (const event of parseAll([execLine(init), exitLine(child, { reduced: true })])) {
      builder.apply(event);
    }
    const standIn = builder.children(idOf(init))[0];
    expect(standIn?.source).toBe('exit');
    expect(exitOnlyId('node-a', 51, standIn?.startTime ?? null)).toBe(standIn?.execId);
    expect(exitOnlyId('node-a', null, t(1))).toBeUndefined();
    expect(exitOnlyId('node-a', 51, null)).toBeUndefined();
  });
});

describe('retentionCutoffKey', () => {
  it('is the time key of now minus the age', () => {
    expect(retentionCutoffKey(Date.parse('2026-01-08T00:00:00Z'), 7 * 86_400_000)).toBe(
      '2026-01-01T00:00:00.000000000Z',
    );
  });
});
