import { describe, expect, it } from 'vitest';
import { bareSnapshot, type PodInfo, type ProcessSnapshot } from '../tetragon/parsed-event.ts';
import type { Contribution } from './group-aggregates.ts';
import { RANK_EVENT, RANK_EXEC, mergeSnapshot } from './merged-process.ts';
import { PodIntern } from './pod-intern.ts';
import { ProcessEntry } from './process-entry.ts';

const START = '2026-01-01T00:00:01.000000001Z';
const EXIT = '2026-01-01T00:00:02.000000002Z';
const POD: PodInfo = {
  namespace: 'ns',
  name: 'web-1',
  uid: undefined,
  container: undefined,
  labels: {},
  workload: 'web',
  workloadKind: 'Deployment',
};

function snapshot(fields: Partial<ProcessSnapshot>): ProcessSnapshot {
  return { ...bareSnapshot('x'), ...fields };
}

const pods = new PodIntern();

function merge(entry: ProcessEntry, s: ProcessSnapshot, node: string): void {
  mergeSnapshot(entry, s, RANK_EXEC, node, s.pod && pods.intern(s.pod), (v) => v);
}

/** An entry with a start time, node and pod, exited, contributing its own fields. */
function settledEntry(): { entry: ProcessEntry; given: Contribution } {
  const entry = new ProcessEntry('x', undefined);
  merge(entry, snapshot({ startTime: START, pod: POD }), 'node-a');
  entry.group = 'pod/ns/web-1';
  entry.exit = { status: 0, signal: null, time: EXIT };
  const given: Contribution = {
    group: 'pod/ns/web-1',
    state: 'exited',
    flagged: true,
    start: START,
    last: EXIT,
    node: 'node-a',
    pod: POD,
  };
  entry.contribution = given;
  return { entry, given };
}

describe('ProcessEntry', () => {
  it('gives back the contribution it was given', () => {
    const { entry, given } = settledEntry();
    expect(entry.contribution).toEqual(given);
    expect(entry.contribution?.pod).toBe(POD);
    entry.contribution = undefined;
    expect(entry.contribution).toBeUndefined();
  });

  const changes: [string, (entry: ProcessEntry) => void][] = [
    ['exit', (e) => (e.exit = { status: 1, signal: 'SIGKILL', time: '2026-01-01T00:00:09Z' })],
    ['start time', (e) => merge(e, snapshot({ startTime: '2026-01-01T00:00:05Z' }), 'node-a')],
    ['node', (e) => merge(e, snapshot({}), 'node-z')],
    ['pod', (e) => merge(e, snapshot({ pod: { ...POD, name: 'web-2' } }), 'node-a')],
    ['group', (e) => (e.group = 'host/node-z')],
  ];
  it.each(changes)('keeps the contribution it was given when its %s changes', (_, change) => {
    const { entry, given } = settledEntry();
    change(entry);
    expect(entry.contribution).toEqual(given);
  });

  it.each([0, 1, 255, 2 ** 21 - 1, 2 ** 21, 2 ** 32 - 1, -1, 1.5])(
    'gives back exit status %s, with or without a signal',
    (status) => {
      const { entry } = settledEntry();
      entry.reportedGroup = entry.group;
      for (const signal of ['SIGKILL', null]) {
        entry.exit = { status, signal, time: EXIT };
        expect(entry.exit).toEqual({ status, signal, time: EXIT });
      }
      expect(entry.reportedGroup).toBe('pod/ns/web-1');
      entry.exit = undefined;
      expect(entry.exit).toBeUndefined();
    },
  );

  it('keeps a contribution that is not made of its own fields', () => {
    const { entry } = settledEntry();
    const other: Contribution = {
      group: 'pod/ns/other',
      state: 'running',
      flagged: false,
      start: null,
      last: '2026-01-01T00:00:07.000000000Z',
      node: '',
      pod: undefined,
    };
    entry.contribution = other;
    expect(entry.contribution).toEqual(other);
  });

  it('keeps the reported group when the current group moves on', () => {
    const { entry } = settledEntry();
    expect(entry.reportedGroup).toBeUndefined();
    entry.reportedGroup = 'pod/ns/web-1';
    entry.group = 'host/node-a';
    expect(entry.reportedGroup).toBe('pod/ns/web-1');
    entry.reportedGroup = 'host/node-a';
    entry.group = '';
    expect([entry.group, entry.reportedGroup]).toEqual(['', 'host/node-a']);
  });

  it('tells an unknown inInitTree from false', () => {
    const entry = new ProcessEntry('x', undefined);
    expect(entry.inInitTree).toBeUndefined();
    mergeSnapshot(entry, snapshot({ inInitTree: false }), RANK_EVENT, '', undefined, (s) => s);
    expect(entry.inInitTree).toBe(false);
    mergeSnapshot(entry, snapshot({ inInitTree: true }), RANK_EXEC, '', undefined, (s) => s);
    expect(entry.inInitTree).toBe(true);
    expect(entry.pendingExitKey).toBeUndefined();
  });
});
