import { afterEach, describe, expect, it } from 'vitest';
import { parseLine, type Process } from '@exectree/domain';
import { MEMORY_DB } from './sqlite-event-store.ts';
import { openSqliteStores, type SqliteStores } from './sqlite-stores.ts';

let stores: SqliteStores | undefined;
afterEach(() => {
  stores?.close();
  stores = undefined;
});

function open(): SqliteStores {
  stores = openSqliteStores(MEMORY_DB, parseLine);
  return stores;
}

function proc(execId: string, fields: Partial<Process> = {}): Process {
  return {
    execId,
    parentExecId: null,
    pid: 1,
    node: 'node-a',
    binary: '/bin/sh',
    arguments: '',
    cwd: '/',
    uid: 0,
    auid: null,
    startTime: '2026-01-01T00:00:00Z',
    state: 'running',
    exitTime: null,
    status: null,
    signal: null,
    flags: [],
    pod: null,
    inInitTree: null,
    docker: null,
    group: 'host/node-a',
    source: 'exec',
    preExisting: false,
    replacedBy: null,
    eventCount: 0,
    findings: [],
    ...fields,
  };
}

const inPod = (namespace: string, name: string) => ({
  pod: { namespace, name, container: null, workload: null, workloadKind: null, labels: {} },
  group: `pod/${namespace}/${name}`,
});

const ids = (list: readonly Process[]) => list.map((p) => p.execId);

describe('SqliteProcessStore', () => {
  it('applies drains: removes first, so a process that moved group is kept', () => {
    const { processes } = open();
    processes.applyChanges({ upserts: [proc('a'), proc('b')], removes: [] });
    processes.applyChanges({
      upserts: [proc('a', inPod('default', 'web'))],
      removes: [
        { execId: 'a', group: 'host/node-a' },
        { execId: 'b', group: 'host/node-a' },
      ],
    });
    expect(processes.search({ limit: 10 }).processes).toEqual([proc('a', inPod('default', 'web'))]);
  });

  it('syncs to a list by writing only what differs', () => {
    const { processes } = open();
    processes.applyChanges({ upserts: [proc('a'), proc('b'), proc('stale')], removes: [] });
    expect(processes.sync([proc('a'), proc('b', { state: 'exited' }), proc('new')])).toBe(3);
    expect(processes.sync([proc('a'), proc('b', { state: 'exited' }), proc('new')])).toBe(0);
    expect(ids(processes.search({ limit: 10 }).processes).sort()).toEqual(['a', 'b', 'new']);
  });

  it('matches text as a literal, case-insensitive substring of binary, arguments or cwd', () => {
    const { processes } = open();
    processes.applyChanges({
      upserts: [
        proc('curl', { binary: '/usr/bin/curl', arguments: '-s http://Example.com/100%_done' }),
        proc('cwd', { cwd: '/srv/CURL-cache' }),
        proc('slash', { arguments: 'C:\\temp' }),
        proc('other', { arguments: '100 percent' }),
      ],
      removes: [],
    });
    const text = (q: string) => ids(processes.search({ text: q, limit: 10 }).processes).sort();
    expect(text('curl')).toEqual(['curl', 'cwd']);
    expect(text('EXAMPLE.COM')).toEqual(['curl']);
    expect(text('100%_')).toEqual(['curl']);
    expect(text('%')).toEqual(['curl']);
    expect(text('_')).toEqual(['curl']);
    expect(text('\\t')).toEqual(['slash']);
    expect(text('1_0')).toEqual([]);
  });

  it('filters by pod, binary path or basename, state and start time bounds', () => {
    const { processes } = open();
    processes.applyChanges({
      upserts: [
        proc('a', {
          ...inPod('ns', 'web'),
          binary: '/usr/bin/curl',
          startTime: '2026-01-01T00:00:01.5Z',
        }),
        proc('b', { ...inPod('ns', 'db'), binary: '/bin/curl', state: 'exited' }),
        proc('c', { ...inPod('other', 'web'), startTime: '2026-01-01T00:00:02Z' }),
        proc('d', { startTime: null }),
      ],
      removes: [],
    });
    const find = (query: Omit<Parameters<typeof processes.search>[0], 'limit'>) =>
      ids(processes.search({ ...query, limit: 10 }).processes);
    expect(find({ namespace: 'ns' })).toEqual(['b', 'a']);
    expect(find({ pod: 'web' })).toEqual(['a', 'c']);
    expect(find({ namespace: 'ns', pod: 'web' })).toEqual(['a']);
    expect(find({ binary: 'curl' })).toEqual(['b', 'a']);
    expect(find({ binary: '/bin/curl' })).toEqual(['b']);
    expect(find({ state: 'exited' })).toEqual(['b']);
    expect(find({ since: '2026-01-01T00:00:01.5Z' })).toEqual(['a', 'c']);
    expect(find({ until: '2026-01-01T00:00:01.500000001Z' })).toEqual(['b', 'a']);
    expect(find({ since: '2026-01-01T01:00:01+01:00', until: '2026-01-01T00:00:02Z' })).toEqual([
      'a',
      'c',
    ]);
    expect(find({})).toEqual(['d', 'b', 'a', 'c']);
  });

  it('adds the ancestors of the matches across groups, stopping at loops', () => {
    const { processes } = open();
    processes.applyChanges({
      upserts: [
        proc('loop-a', { parentExecId: 'loop-b' }),
        proc('loop-b', { parentExecId: 'loop-a' }),
        proc('shim', { parentExecId: 'loop-a' }),
        proc('init', { ...inPod('ns', 'web'), parentExecId: 'shim' }),
        proc('curl', { ...inPod('ns', 'web'), parentExecId: 'init', binary: '/usr/bin/curl' }),
        proc('wget', { ...inPod('ns', 'web'), parentExecId: 'curl', binary: '/usr/bin/wget' }),
        proc('unrelated'),
      ],
      removes: [],
    });
    const result = processes.search({ pod: 'web', text: 'w', limit: 10 });
    expect(ids(result.processes)).toEqual(['wget']);
    expect(ids(result.ancestors).sort()).toEqual(['curl', 'init', 'loop-a', 'loop-b', 'shim']);
    const both = processes.search({ binary: 'curl', limit: 10 });
    expect(ids(both.ancestors)).not.toContain('curl');
  });

  it('reports the total and whether the list was cut at the limit', () => {
    const { processes } = open();
    const many = Array.from({ length: 12 }, (_, i) => proc(`p${String(i).padStart(2, '0')}`));
    processes.applyChanges({ upserts: many, removes: [] });
    const page = processes.search({ limit: 5 });
    expect(ids(page.processes)).toEqual(['p00', 'p01', 'p02', 'p03', 'p04']);
    expect(page).toMatchObject({ total: 12, truncated: true });
    expect(processes.search({ limit: 12 })).toMatchObject({ total: 12, truncated: false });
  });
});
