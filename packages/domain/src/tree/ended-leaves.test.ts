import { describe, expect, it } from 'vitest';
import { execLine, exitLine, idOf, type ProcSpec } from '../test-support/event-factory.ts';
import { buildTree } from '../test-support/tree-factory.ts';

const POD = 'pod/default/busy';
const pod = { namespace: 'default', name: 'busy' };
const inPod = (pid: number, parent?: ProcSpec): ProcSpec => ({
  pid,
  pod,
  docker: 'abc',
  ...(parent && { parent }),
});
const exitAt = (second: number) => ({
  time: `2026-01-01T01:00:${String(second).padStart(2, '0')}Z`,
});

// init (running) → a (ended at 1) → b (ended at 2) → c (ended at 3); d, e ended later; f runs.
const init = inPod(1);
const a = inPod(2, init);
const b = inPod(3, a);
const c = inPod(4, b);
const d = inPod(5, init);
const e = inPod(6, init);
const f = inPod(7, init);
const chain = [
  ...[init, a, b, c, d, e, f].map((p) => execLine(p)),
  exitLine(a, exitAt(1)),
  exitLine(b, exitAt(2)),
  exitLine(c, exitAt(3)),
  exitLine(d, exitAt(4)),
  exitLine(e, exitAt(5)),
];

describe('endedLeaves: what a group can lose first without orphaning a child', () => {
  it('lists ended processes without children in the group, the longest ended first', () => {
    const builder = buildTree(chain);
    expect(builder.endedLeaves(POD, 10)).toEqual([idOf(c), idOf(d), idOf(e)]);
    expect(builder.endedLeaves(POD, 2)).toEqual([idOf(c), idOf(d)]);
    expect(builder.endedLeaves(POD, 0)).toEqual([]);
    expect(builder.endedLeaves('pod/default/other', 10)).toEqual([]);
  });

  it('treats the ids in `gone` as removed: their parents can be next', () => {
    const builder = buildTree(chain);
    const gone = new Set([idOf(c), idOf(d)]);
    expect(builder.endedLeaves(POD, 10, gone)).toEqual([idOf(b), idOf(e)]);
    gone.add(idOf(b));
    expect(builder.endedLeaves(POD, 10, gone)).toEqual([idOf(a), idOf(e)]);
  });

  it('follows forget: a parent whose last child was forgotten becomes a leaf', () => {
    const builder = buildTree(chain);
    builder.forget([idOf(c)]);
    expect(builder.endedLeaves(POD, 10)).toEqual([idOf(b), idOf(d), idOf(e)]);
  });

  it('breaks ties on the exit time by exec id', () => {
    const x = inPod(20, init);
    const y = inPod(10, init);
    const builder = buildTree([
      ...[init, x, y].map((p) => execLine(p)),
      exitLine(x, exitAt(9)),
      exitLine(y, exitAt(9)),
    ]);
    expect(builder.endedLeaves(POD, 10)).toEqual([idOf(x), idOf(y)].sort());
  });

  it('counts a process replaced by exec without fork as ended, before any exit time', () => {
    // `replacer` runs in `replaced`'s place: same pid, no clone flag.
    const replaced = inPod(30, init);
    const replacer: ProcSpec = { ...inPod(30, replaced), ktime: 31_000, flags: 'execve' };
    const builder = buildTree([
      ...[init, replaced, replacer, d].map((p) => execLine(p)),
      exitLine(d, exitAt(4)),
      exitLine(replacer, exitAt(8)),
    ]);
    expect(builder.process(idOf(replaced))?.state).toBe('replaced');
    expect(builder.endedLeaves(POD, 10)).toEqual([idOf(d), idOf(replacer)]);
    expect(builder.endedLeaves(POD, 10, new Set([idOf(replacer)]))).toEqual([
      idOf(replaced),
      idOf(d),
    ]);
  });

  it('is not kept back by a child listed in another group', () => {
    const hostParent: ProcSpec = { pid: 40 };
    const podChild = inPod(41, hostParent);
    const builder = buildTree([
      execLine(hostParent),
      execLine(podChild),
      exitLine(hostParent, exitAt(1)),
    ]);
    expect(builder.process(idOf(hostParent))?.group).toBe('host/node-a');
    expect(builder.endedLeaves('host/node-a', 10)).toEqual([idOf(hostParent)]);
    expect(builder.endedLeaves(POD, 10)).toEqual([]);
  });
});
