import { describe, expect, it } from 'vitest';
import type { GroupSummary, Process, TreeReader } from '@exectree/domain';
import { indexByGroup } from './change-index.ts';
import { compileFilter, filterError } from './tree-filter.ts';
import { TreeSubscription } from './tree-subscription.ts';
import { hostProcess } from '../test-support/host-process.ts';

function proc(execId: string, group: string, fields: Partial<Process> = {}): Process {
  const startTime = `2026-01-01T00:00:0${execId.length % 10}Z`;
  return hostProcess(execId, { startTime, group, ...fields });
}

/** Only what snapshot() reads. */
function readerOf(processes: Process[]): TreeReader {
  const keys = [...new Set(processes.map((p) => p.group))].sort();
  const unused = () => {
    throw new Error('not used');
  };
  return {
    groups: () => keys.map((key) => ({ key }) as GroupSummary),
    processes: (group) => processes.filter((p) => p.group === group),
    process: unused,
    tree: unused,
    ancestors: unused,
    children: unused,
    group: unused,
    markers: unused,
  };
}

const changes = (upserts: Process[], removes: { execId: string; group: string }[] = []) =>
  indexByGroup({ upserts, removes, groups: [], markers: [] });

describe('tree filters', () => {
  it('matches binary by full path or basename, text case-insensitively, pods by namespace', () => {
    const curl = proc('a', 'pod/default/xwing', { binary: '/usr/bin/curl', arguments: 'HTTP://X' });
    const f = (filter: Parameters<typeof compileFilter>[0]) => {
      const c = compileFilter(filter);
      return c.matchesGroup(curl.group) && c.matchesFields(curl);
    };
    expect(f({ binary: 'curl' })).toBe(true);
    expect(f({ binary: '/usr/bin/curl' })).toBe(true);
    expect(f({ binary: 'cur' })).toBe(false);
    expect(f({ binary: 'bin/curl' })).toBe(false);
    expect(f({ text: 'http://x' })).toBe(true);
    expect(f({ text: 'USR/BIN' })).toBe(true);
    expect(f({ text: 'wget' })).toBe(false);
    expect(f({ namespace: 'default' })).toBe(true);
    expect(f({ namespace: 'default', pod: 'xwing', binary: 'curl' })).toBe(true);
    expect(f({ namespace: 'default', pod: 'tiefighter' })).toBe(false);
    expect(f({ pod: 'xwing' })).toBe(true);
    expect(compileFilter({ namespace: 'default' }).matchesGroup('host/default')).toBe(false);
    expect(compileFilter({ group: 'pod/default/xwing', namespace: 'other' }).groups).toEqual([
      'pod/default/xwing',
    ]);
    expect(filterError({ group: 'xwing' })).toMatch(/invalid group key/);
    expect(filterError({ binary: 'curl' })).toBeUndefined();
  });

  it('snapshots matching processes across groups in start-time order', () => {
    const reader = readerOf([
      proc('bbb', 'pod/ns/b', { binary: '/bin/curl' }),
      proc('a', 'pod/ns/a', { binary: '/bin/curl' }),
      proc('cc', 'pod/other/c', { binary: '/bin/curl' }),
      proc('dddd', 'pod/ns/a', { binary: '/bin/sh' }),
    ]);
    const subscription = new TreeSubscription({ namespace: 'ns', binary: 'curl' });
    expect(subscription.snapshot(reader).map((p) => p.execId)).toEqual(['a', 'bbb']);
  });

  it('removes a process once when it stops matching, and not when it moves between matches', () => {
    const sh = proc('p1', 'pod/ns/a', { binary: '/bin/sh' });
    const subscription = new TreeSubscription({ namespace: 'ns', binary: 'sh' });
    expect(subscription.snapshot(readerOf([sh]))).toHaveLength(1);

    // Moved to another pod of the same namespace: one upsert, no remove.
    const moved = { ...sh, group: 'pod/ns/b' };
    expect(subscription.delta(changes([moved], [{ execId: 'p1', group: 'pod/ns/a' }]))).toEqual({
      upserts: [moved],
      removes: [],
    });

    // Its binary became known as something else: it no longer matches.
    const renamed = { ...moved, binary: '/usr/bin/python3' };
    expect(subscription.delta(changes([renamed]))).toEqual({ upserts: [], removes: ['p1'] });
    // Further changes to it concern this client no more.
    expect(subscription.delta(changes([{ ...renamed, eventCount: 3 }]))).toBeUndefined();

    // A new matching process in another namespace is not sent; one in this namespace is.
    const elsewhere = proc('p2', 'pod/other/x');
    const here = proc('p3', 'pod/ns/c');
    expect(subscription.delta(changes([elsewhere, here]))).toEqual({
      upserts: [here],
      removes: [],
    });

    // Leaving for a group outside the namespace is a remove.
    expect(
      subscription.delta(
        changes([{ ...here, group: 'host/node-a' }], [{ execId: 'p3', group: 'pod/ns/c' }]),
      ),
    ).toEqual({ upserts: [], removes: ['p3'] });
  });

  it('keeps the group-only subscription as before: the group changes, nothing else', () => {
    const subscription = new TreeSubscription({ group: 'pod/ns/a' });
    subscription.snapshot(readerOf([proc('x', 'pod/ns/a')]));
    const batch = changes(
      [proc('y', 'pod/ns/a'), proc('z', 'pod/ns/b')],
      [{ execId: 'x', group: 'pod/ns/a' }],
    );
    expect(subscription.delta(batch)).toEqual({
      upserts: [proc('y', 'pod/ns/a')],
      removes: ['x'],
    });
  });
});
