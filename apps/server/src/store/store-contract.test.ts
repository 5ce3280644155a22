import { describe, expect, it } from 'vitest';
import { contentHash, type ParsedEvent, type Process } from '@exectree/domain';
import type { EventStore, FileCursor, StoredEvent } from './event-store.ts';
import type { ProcessQuery, ProcessStore } from './process-store.ts';
import { hostProcess } from '../test-support/host-process.ts';
import { storeBackends } from '../test-support/store-backends.ts';

/** The same contract for every store: SQLite and PostgreSQL must give the same answers. */
const backends = storeBackends();

let keys = 0;
const freshKey = () => `db${(keys += 1)}`;

/** Ids are content hashes of the raw line, as parseLine makes them; `name` tells events apart. */
const idOf = (name: string) => contentHash(JSON.stringify({ id: name }));

function event(name: string, execId: string | undefined, time: string | undefined): ParsedEvent {
  const raw = JSON.stringify({ id: name });
  return {
    id: contentHash(raw),
    type: 'process_exec',
    node: 'node-1',
    time,
    process:
      execId === undefined
        ? undefined
        : {
            execId,
            parentExecId: undefined,
            pid: 1,
            uid: 0,
            auid: undefined,
            cwd: '/',
            binary: '/bin/true',
            arguments: undefined,
            flags: undefined,
            startTime: time,
            pod: undefined,
            docker: undefined,
            inInitTree: undefined,
          },
    parent: undefined,
    ancestors: [],
    exit: undefined,
    loss: undefined,
    probe: undefined,
    raw,
  };
}

async function replayed(store: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const stored of store.replay()) all.push(stored);
  return all;
}

const proc = hostProcess;

const inPod = (namespace: string, name: string) => ({
  pod: { namespace, name, container: null, workload: null, workloadKind: null, labels: {} },
  group: `pod/${namespace}/${name}`,
});

const ids = (list: readonly Process[]) => list.map((p) => p.execId);

const cursor = (offset: number, line: number): FileCursor => ({
  path: '/var/log/tetragon/tetragon.log',
  fileId: '2049:1234',
  fingerprint: `${Math.min(offset, 4096)}:abc`,
  offset,
  line,
});

describe.each(backends)('$name event store', (backend) => {
  it('returns only the events it had not stored before, also within one batch', async () => {
    const { events } = await backend.open(freshKey());
    const a = event('a', 'x', '2024-01-01T00:00:01Z');
    const b = event('b', 'x', '2024-01-01T00:00:02Z');
    expect(await events.append([a, b, a])).toEqual([a, b]);
    expect((await events.append([b, event('c', undefined, undefined)])).map((e) => e.id)).toEqual([
      idOf('c'),
    ]);
    expect(await events.count()).toBe(3);
  });

  it('replays in insertion order across pages and after reopening', async () => {
    const key = freshKey();
    const first = await backend.open(key);
    const names = Array.from({ length: 4_500 }, (_, i) => `e${i}`);
    await first.events.append(names.map((name) => event(name, undefined, undefined)));
    await first.close();

    const again = await backend.open(key);
    const stored = await replayed(again.events);
    expect(stored.map((e) => e.id)).toEqual(names.map(idOf));
    expect(stored.map((e) => e.raw)).toEqual(names.map((name) => JSON.stringify({ id: name })));
    const seqs = stored.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    await again.events.append([event('later', undefined, undefined)]);
    expect((await replayed(again.events)).at(-1)).toMatchObject({ id: idOf('later') });
  });

  it('lists the raw lines of one process in event-time order, nanoseconds included', async () => {
    const { events } = await backend.open(freshKey());
    await events.append([
      event('late', 'p', '2024-01-01T00:00:00.000000002Z'),
      event('other', 'q', '2024-01-01T00:00:00Z'),
      event('early', 'p', '2024-01-01T00:00:00.000000001Z'),
    ]);
    expect(await events.eventsForProcess('p')).toEqual([
      JSON.stringify({ id: 'early' }),
      JSON.stringify({ id: 'late' }),
    ]);
    expect(await events.eventsForProcess('p', 1)).toHaveLength(1);
    expect(await events.eventsForProcess('missing')).toEqual([]);
  });

  it('saves a cursor with its batch, and alone when a batch has no events', async () => {
    const key = freshKey();
    const first = await backend.open(key);
    expect(await first.events.readCursor(cursor(0, 0).path)).toBeUndefined();
    const a = event('a', 'x', '2024-01-01T00:00:01Z');
    const b = event('b', 'y', '2024-01-01T00:00:02Z');
    expect(await first.events.appendWithCursor([a, b], cursor(100, 2))).toHaveLength(2);
    expect(await first.events.readCursor(cursor(0, 0).path)).toEqual(cursor(100, 2));
    await first.events.appendWithCursor([], cursor(120, 3));
    await first.close();

    const again = await backend.open(key);
    expect(await again.events.readCursor(cursor(0, 0).path)).toEqual(cursor(120, 3));
    expect(await again.events.count()).toBe(2);
  });
});

describe.each(backends)('$name process store', (backend) => {
  const find = async (processes: ProcessStore, query: Omit<ProcessQuery, 'limit'>) =>
    ids((await processes.search({ ...query, limit: 10 })).processes);

  it('applies drains: removes first, so a process that moved group is kept', async () => {
    const { processes } = await backend.open(freshKey());
    await processes.applyChanges({ upserts: [proc('a'), proc('b')], removes: [] });
    await processes.applyChanges({
      upserts: [proc('a', inPod('default', 'web'))],
      removes: [
        { execId: 'a', group: 'host/node-a' },
        { execId: 'b', group: 'host/node-a' },
      ],
    });
    expect((await processes.search({ limit: 10 })).processes).toEqual([
      proc('a', inPod('default', 'web')),
    ]);
  });

  it('syncs to a list by writing only what differs', async () => {
    const { processes } = await backend.open(freshKey());
    await processes.applyChanges({ upserts: [proc('a'), proc('b'), proc('stale')], removes: [] });
    expect(await processes.sync([proc('a'), proc('b', { state: 'exited' }), proc('new')])).toBe(3);
    expect(await processes.sync([proc('a'), proc('b', { state: 'exited' }), proc('new')])).toBe(0);
    expect((await find(processes, {})).sort()).toEqual(['a', 'b', 'new']);
    expect(await processes.count()).toBe(3);
  });

  it('matches text as a literal, case-insensitive substring of binary, arguments or cwd', async () => {
    const { processes } = await backend.open(freshKey());
    await processes.applyChanges({
      upserts: [
        proc('curl', { binary: '/usr/bin/curl', arguments: '-s http://Example.com/100%_done' }),
        proc('cwd', { cwd: '/srv/CURL-cache' }),
        proc('slash', { arguments: 'C:\\temp' }),
        proc('other', { arguments: '100 percent' }),
        proc('nul', { arguments: 'a\u0000b' }),
      ],
      removes: [],
    });
    const text = async (q: string) => (await find(processes, { text: q })).sort();
    expect(await text('curl')).toEqual(['curl', 'cwd']);
    expect(await text('EXAMPLE.COM')).toEqual(['curl']);
    expect(await text('100%_')).toEqual(['curl']);
    expect(await text('%')).toEqual(['curl']);
    expect(await text('_')).toEqual(['curl']);
    expect(await text('\\t')).toEqual(['slash']);
    expect(await text('1_0')).toEqual([]);
    expect(await text('a\u0000b')).toEqual(['nul']);
  });

  it('filters by pod, binary path or basename, state and start time bounds', async () => {
    const { processes } = await backend.open(freshKey());
    await processes.applyChanges({
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
    expect(await find(processes, { namespace: 'ns' })).toEqual(['b', 'a']);
    expect(await find(processes, { pod: 'web' })).toEqual(['a', 'c']);
    expect(await find(processes, { namespace: 'ns', pod: 'web' })).toEqual(['a']);
    expect(await find(processes, { binary: 'curl' })).toEqual(['b', 'a']);
    expect(await find(processes, { binary: '/bin/curl' })).toEqual(['b']);
    expect(await find(processes, { state: 'exited' })).toEqual(['b']);
    expect(await find(processes, { since: '2026-01-01T00:00:01.5Z' })).toEqual(['a', 'c']);
    expect(await find(processes, { until: '2026-01-01T00:00:01.500000001Z' })).toEqual(['b', 'a']);
    expect(
      await find(processes, { since: '2026-01-01T01:00:01+01:00', until: '2026-01-01T00:00:02Z' }),
    ).toEqual(['a', 'c']);
    expect(await find(processes, {})).toEqual(['d', 'b', 'a', 'c']);
  });

  it('adds the ancestors of the matches across groups, stopping at loops', async () => {
    const { processes } = await backend.open(freshKey());
    await processes.applyChanges({
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
    const result = await processes.search({ pod: 'web', text: 'w', limit: 10 });
    expect(ids(result.processes)).toEqual(['wget']);
    expect(ids(result.ancestors).sort()).toEqual(['curl', 'init', 'loop-a', 'loop-b', 'shim']);
    const both = await processes.search({ binary: 'curl', limit: 10 });
    expect(ids(both.ancestors)).not.toContain('curl');
  });

  it('reports the total and whether the list was cut at the limit', async () => {
    const { processes } = await backend.open(freshKey());
    const many = Array.from({ length: 12 }, (_, i) => proc(`p${String(i).padStart(2, '0')}`));
    await processes.applyChanges({ upserts: many, removes: [] });
    const page = await processes.search({ limit: 5 });
    expect(ids(page.processes)).toEqual(['p00', 'p01', 'p02', 'p03', 'p04']);
    expect(page).toMatchObject({ total: 12, truncated: true });
    expect(await processes.search({ limit: 12 })).toMatchObject({ total: 12, truncated: false });
  });
});
