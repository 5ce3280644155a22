import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createRetention } from '../src/retention/retention-job.ts';
import { openPgStores } from '../src/store/postgres/pg-stores.ts';
import { execIdsInMemory } from './helpers/in-memory.ts';
import * as lines from './helpers/process-lines.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

const DAY = 24 * 60 * 60 * 1000;
const PAST_DAYS = [5, 4, 3, 2, 1];
const PER_DAY = 200;
/** init, the straddler and every day's children. */
const ALL_PROCESSES = 2 + PER_DAY * (PAST_DAYS.length + 1);

let postgres: TestPostgres;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
});

/** Days before today's UTC midnight, plus `ms`, as RFC 3339. */
function onDay(now: number, daysAgo: number, ms: number): string {
  const midnight = Math.floor(now / DAY) * DAY;
  return new Date(midnight - daysAgo * DAY + ms).toISOString();
}

/**
 * A running init (started 5 days ago) and, each day from 5 days ago to today, PER_DAY
 * children that started and ended that day, with 4 KB of arguments so that a day weighs
 * about a megabyte; one child started 3 days ago and ended now.
 */
function history(now: number) {
  const init: lines.TestProc = { pid: 10, binary: '/sbin/init', start: onDay(now, 5, 0) };
  const byDay = new Map<number, lines.TestProc[]>();
  for (const day of [...PAST_DAYS, 0]) {
    byDay.set(
      day,
      Array.from({ length: PER_DAY }, (_, i) => ({
        pid: 1_000 + day * 1_000 + i,
        binary: '/usr/bin/job',
        args: randomBytes(3_000).toString('base64'),
        start: onDay(now, day, 60_000 + i * 1_000),
        parent: init,
        pod: 'batch',
      })),
    );
  }
  const straddler: lines.TestProc = {
    pid: 99,
    binary: '/usr/bin/long-job',
    start: onDay(now, 3, 30_000),
    parent: init,
    pod: 'batch',
  };
  const ended = (p: lines.TestProc) => new Date(Date.parse(p.start) + 500).toISOString();
  const body = (day: number) =>
    (byDay.get(day) ?? [])
      .flatMap((p) => [lines.execLine(p), lines.exitLine(p, ended(p))])
      .join('\n');
  return { init, byDay, straddler, body };
}

/** Posts init's and the straddler's starts, then every day's children, oldest day first. */
async function postHistory(
  server: TestServer,
  { init, straddler, body }: ReturnType<typeof history>,
): Promise<void> {
  const first = [lines.execLine(init), lines.execLine(straddler)].join('\n');
  expect((await postEvents(server, first)).status).toBe(200);
  for (const day of [...PAST_DAYS, 0])
    expect((await postEvents(server, body(day))).status).toBe(200);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Waits for the process rows of everything posted. */
async function waitForProcessRows(url: string, count: number): Promise<void> {
  await waitFor('process rows', async () => {
    const [row] = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM processes');
    return Number(row?.n) === count;
  });
}

/**
 * The socket.io adapter does not release a LISTEN connection it is still opening when the
 * server closes, which would hold the pool open: before stopping a server, let it finish.
 */
async function waitForAdapterListening(url: string): Promise<void> {
  await waitFor('the adapter listening', async () => {
    const listening = await query(
      url,
      `SELECT 1 FROM pg_stat_activity
       WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
    );
    return listening.length > 0;
  });
}

/** Partition day (YYYYMMDD) → bytes, tables, indexes and TOAST. */
async function partitionSizes(url: string): Promise<Map<string, number>> {
  const rows = await query<{ name: string; bytes: string }>(
    url,
    `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r'`,
  );
  return new Map(rows.map((row) => [row.name.slice('events_p'.length), Number(row.bytes)]));
}

function dayName(now: number, daysAgo: number): string {
  return onDay(now, daysAgo, 0).slice(0, 10).replace(/-/g, '');
}

describe('--retention-size on PostgreSQL', () => {
  it('drops whole partitions, oldest first, until the tables fit, never today’s', async () => {
    const url = await postgres.createDatabase();
    const now = Date.now();
    const past = history(now);
    const { init, byDay, straddler } = past;
    const loader: TestServer = await startTestServer({
      db: url,
      retention: { maxAgeMs: 0, maxBytes: 0 },
    });
    try {
      await postHistory(loader, past);
      expect(
        (await postEvents(loader, lines.exitLine(straddler, new Date(now).toISOString()))).status,
      ).toBe(200);
      await waitForProcessRows(url, ALL_PROCESSES);
    } finally {
      await loader.stop();
    }

    const sizes = await partitionSizes(url);
    expect([...sizes.keys()].sort()).toEqual([5, 4, 3, 2, 1, 0].map((d) => dayName(now, d)));
    const logs: string[] = [];
    const stores = await openPgStores(
      url,
      (line) => logs.push(line),
      () => {},
    );
    try {
      await stores.leader.start();
      expect(stores.leader.isLeader()).toBe(true);
      const forgotten: string[] = [];
      const retention = (maxBytes: number) =>
        createRetention({
          store: stores.retention,
          tree: { forget: (ids) => forgotten.push(...ids), forgetMarkers: () => {} },
          flush: () => {},
          policy: { maxAgeMs: 0, maxBytes },
          log: (line) => logs.push(line),
        });

      // Room for all but the oldest day and half of the next: two days must go, not three.
      const used = await stores.retention.usedBytes();
      const oldest = sizes.get(dayName(now, 5)) ?? 0;
      const next = sizes.get(dayName(now, 4)) ?? 0;
      expect(oldest).toBeGreaterThan(500_000);
      const maxBytes = used - oldest - Math.floor(next / 2);
      const report = await retention(maxBytes).run(now);
      expect(report.usedBytes).toBeLessThanOrEqual(maxBytes);
      expect(report).toMatchObject({ subtrees: 2 * PER_DAY, processes: 2 * PER_DAY });
      expect([...(await partitionSizes(url)).keys()].sort()).toEqual(
        [3, 2, 1, 0].map((d) => dayName(now, d)),
      );
      const dropped = [5, 4].flatMap((d) => byDay.get(d) ?? []).map(lines.execIdOf);
      // The tree also forgets each one's stand-in for an exit without exec_id.
      const forgottenProcesses = forgotten.filter((id) => !id.startsWith('exit-only:'));
      expect(forgottenProcesses.sort()).toEqual(dropped.sort());

      // Nothing fits: every day before today goes; what runs, and today, stay.
      await retention(1).run(now);
      expect([...(await partitionSizes(url)).keys()]).toEqual([dayName(now, 0)]);
      expect(logs.some((line) => line.includes('stays over --retention-size'))).toBe(true);
      expect(await stores.events.eventsForProcess(lines.execIdOf(init))).toHaveLength(1);
      expect(await stores.events.eventsForProcess(lines.execIdOf(straddler))).toHaveLength(2);
      const gone = byDay.get(2)?.[0];
      expect(gone && (await stores.events.eventsForProcess(lines.execIdOf(gone)))).toEqual([]);
    } finally {
      await stores.close();
    }

    // A replica started now loads exactly what is left.
    const replica = await startTestServer({ db: url, retention: { maxAgeMs: 0, maxBytes: 0 } });
    try {
      const expected = [init, straddler, ...(byDay.get(0) ?? [])].map(lines.execIdOf).sort();
      expect(execIdsInMemory(replica)).toEqual(expected);
    } finally {
      await waitForAdapterListening(url);
      await replica.stop();
    }
  }, 120_000);
});

describe('a server started with --retention-size on PostgreSQL', () => {
  it('drops the oldest partitions at start and holds the rest in its tree', async () => {
    const url = await postgres.createDatabase();
    const now = Date.now();
    const past = history(now);
    const { init, byDay } = past;
    const loader: TestServer = await startTestServer({
      db: url,
      retention: { maxAgeMs: 0, maxBytes: 0 },
    });
    try {
      await postHistory(loader, past);
      await waitForProcessRows(url, ALL_PROCESSES);
      await waitForAdapterListening(url);
    } finally {
      await loader.stop();
    }
    const sizes = await partitionSizes(url);
    const [row] = await query<{ bytes: string }>(
      url,
      `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm')`,
    );
    const used = Number(row?.bytes);
    const maxBytes =
      used - (sizes.get(dayName(now, 5)) ?? 0) - Math.floor((sizes.get(dayName(now, 4)) ?? 0) / 2);
    const leader = await startTestServer({ db: url, retention: { maxAgeMs: 0, maxBytes } });
    try {
      await waitFor(
        'partitions dropped',
        async () => [...(await partitionSizes(url)).keys()].length === 4,
      );
      expect([...(await partitionSizes(url)).keys()].sort()).toEqual(
        [3, 2, 1, 0].map((d) => dayName(now, d)),
      );
      const ids = new Set(execIdsInMemory(leader));
      for (const p of byDay.get(5) ?? []) expect(ids.has(lines.execIdOf(p))).toBe(false);
      for (const p of byDay.get(3) ?? []) expect(ids.has(lines.execIdOf(p))).toBe(true);
      expect(ids.has(lines.execIdOf(init))).toBe(true);
      await waitForAdapterListening(url);
    } finally {
      await leader.stop();
    }
  }, 120_000);
});
