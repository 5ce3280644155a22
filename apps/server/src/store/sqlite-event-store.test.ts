import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedEvent } from '@exectree/domain';
import { SqliteEventStore } from './sqlite-event-store.ts';

function event(id: string, execId: string | undefined, time: string | undefined): ParsedEvent {
  return {
    id,
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
    raw: JSON.stringify({ id }),
  };
}

let dir: string;
let store: SqliteEventStore | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-store-test-'));
});

afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteEventStore', () => {
  it('returns only the events it had not stored before, also within one batch', () => {
    store = new SqliteEventStore(join(dir, 'a.db'));
    const a = event('a', 'x', '2024-01-01T00:00:01Z');
    const b = event('b', 'x', '2024-01-01T00:00:02Z');
    expect(store.append([a, b, a])).toEqual([a, b]);
    expect(store.append([b, event('c', undefined, undefined)]).map((e) => e.id)).toEqual(['c']);
    expect(store.count()).toBe(3);
  });

  it('replays in insertion order across pages and after reopening', () => {
    const path = join(dir, 'nested', 'b.db');
    store = new SqliteEventStore(path);
    const ids = Array.from({ length: 4_500 }, (_, i) => `e${i}`);
    store.append(ids.map((id) => event(id, undefined, undefined)));
    store.close();

    store = new SqliteEventStore(path);
    const replayed = [...store.replay()];
    expect(replayed.map((e) => e.id)).toEqual(ids);
    expect(replayed.map((e) => e.seq)).toEqual(ids.map((_, i) => i + 1));
    store.append([event('later', undefined, undefined)]);
    expect([...store.replay()].at(-1)).toMatchObject({ id: 'later', seq: 4_501 });
  });

  it('lists the raw lines of one process in event-time order, nanoseconds included', () => {
    store = new SqliteEventStore(':memory:');
    store.append([
      event('late', 'p', '2024-01-01T00:00:00.000000002Z'),
      event('other', 'q', '2024-01-01T00:00:00Z'),
      event('early', 'p', '2024-01-01T00:00:00.000000001Z'),
    ]);
    expect(store.eventsForProcess('p')).toEqual([
      JSON.stringify({ id: 'early' }),
      JSON.stringify({ id: 'late' }),
    ]);
    expect(store.eventsForProcess('p', 1)).toHaveLength(1);
    expect(store.eventsForProcess('missing')).toEqual([]);
  });
});
