import { describe, expect, it } from 'vitest';
import {
  execLine,
  exitLine,
  idOf,
  kprobeLine,
  type ProcSpec,
} from '../test-support/event-factory.ts';
import { buildTree, feedTree } from '../test-support/tree-factory.ts';

const pod = { namespace: 'default', name: 'xwing' };
const init: ProcSpec = { pid: 43, binary: '/bin/bash', pod, docker: 'abc' };
const child: ProcSpec = { pid: 51, binary: '/usr/bin/id', pod, docker: 'abc', parent: init };

describe('forget: tombstones', () => {
  it('drops and counts late exec, exit and kprobe events of a forgotten process', () => {
    const b = buildTree([execLine(init), execLine(child)]);
    b.forget([idOf(child)]);
    feedTree(b, [execLine(child), exitLine(child), kprobeLine(child, 'security_file_open')]);
    expect(b.process(idOf(child))).toBeUndefined();
    expect(b.children(idOf(init))).toEqual([]);
    expect(b.group('pod/default/xwing')).toMatchObject({ processes: 1 });
    expect(b.stats().lateEventsDropped).toBe(3);
    expect([b.isForgotten(idOf(child)), b.isForgotten(idOf(init))]).toEqual([true, false]);
  });

  it('does not bring a forgotten parent back from a new child that embeds it', () => {
    const b = buildTree([execLine(init), execLine(child)]);
    b.forget([idOf(init)]);
    const sibling: ProcSpec = { ...child, pid: 52 };
    feedTree(b, [execLine(sibling)]);
    expect(b.process(idOf(sibling))).toMatchObject({ parentExecId: idOf(init) });
    expect(b.process(idOf(init))).toBeUndefined();
    // Only events about the forgotten process itself count as late.
    expect(b.stats().lateEventsDropped).toBe(0);
  });

  it('still learns the pod of a container from a dropped snapshot', () => {
    const podless: ProcSpec = { pid: 60, binary: '/bin/true', docker: 'abc' };
    const b = buildTree([execLine(podless)]);
    expect(b.process(idOf(podless))?.group).toBe('container/abc');
    b.forget([idOf(init)]);
    feedTree(b, [execLine(init)]);
    expect(b.process(idOf(init))).toBeUndefined();
    expect(b.process(idOf(podless))?.group).toBe('pod/default/xwing');
  });

  it('drops a late exit without exec_id of a forgotten stand-in', () => {
    const ghost: ProcSpec = { pid: 70, parent: init, pod, docker: 'abc' };
    const b = buildTree([execLine(init), exitLine(ghost, { reduced: true })]);
    const standIn = b.processes('pod/default/xwing').find((p) => p.source === 'exit');
    expect(standIn).toBeDefined();
    b.forget([standIn?.execId ?? '']);
    feedTree(b, [exitLine(ghost, { reduced: true, status: 3 })]);
    expect(b.processes('pod/default/xwing').map((p) => p.source)).toEqual(['exec']);
    expect(b.stats().lateEventsDropped).toBe(1);
  });

  it('remembers only the most recent forgotten ids', () => {
    const b = buildTree([execLine(init), execLine(child)], { tombstones: 1 });
    b.forget([idOf(child)]);
    b.forget([idOf({ pid: 999 })]);
    feedTree(b, [execLine(child)]);
    expect(b.process(idOf(child))?.binary).toBe('/usr/bin/id');
    expect(b.stats()).toMatchObject({ tombstones: 1, lateEventsDropped: 0 });
  });
});

describe('bounded bookkeeping', () => {
  it('counts each probe event once per process within its window of ids', () => {
    const b = buildTree([execLine(init)], { attachedIdsPerProcess: 2 });
    const probes = ['f1', 'f2', 'f3'].map((fn) => kprobeLine(init, fn));
    feedTree(b, [...probes, probes[2] ?? '', probes[1] ?? '']);
    expect(b.process(idOf(init))?.eventCount).toBe(3);
    expect(b.stats().attachedIdsEvicted).toBe(1);
    // f1 left the window: a repeat of it is counted again.
    feedTree(b, [probes[0] ?? '']);
    expect(b.process(idOf(init))?.eventCount).toBe(4);
  });

  it('lets go of the oldest exits without exec_id beyond the cap', () => {
    const ghosts: ProcSpec[] = [71, 72, 73, 74].map((pid) => ({
      pid,
      parent: init,
      pod,
      docker: 'abc',
    }));
    const b = buildTree([execLine(init), ...ghosts.map((g) => exitLine(g, { reduced: true }))], {
      waitingExits: 2,
    });
    const standIns = b.processes('pod/default/xwing').filter((p) => p.source === 'exit');
    expect(standIns.map((p) => p.pid).sort()).toEqual([73, 74]);
    expect(b.stats()).toMatchObject({ waitingExits: 2 });
    expect(b.stats().waitingExitsEvicted).toBe(2);
    expect(b.drainChanges().groups[0]).toMatchObject({ processes: 3, exited: 2 });
  });

  it('does not count an exit whose process is known as waiting', () => {
    const b = buildTree([execLine(init), execLine(child), exitLine(child, { reduced: true })], {
      waitingExits: 1,
    });
    const ghost: ProcSpec = { pid: 75, parent: init, pod, docker: 'abc' };
    feedTree(b, [exitLine(ghost, { reduced: true })]);
    expect(b.process(idOf(child))?.state).toBe('exited');
    expect(b.stats()).toMatchObject({ waitingExits: 1, waitingExitsEvicted: 0 });
  });
});
