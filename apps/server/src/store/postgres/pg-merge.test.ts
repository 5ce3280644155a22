import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLine, type ParsedEvent } from '@exectree/domain';
import { generateLines } from '@exectree/simulator';
import pg from 'pg';
import { startPostgres, type TestPostgres } from '../../../test/helpers/postgres.ts';
import { migrate } from './pg-migrate.ts';
import { PgEventStore } from './pg-event-store.ts';

let postgres: TestPostgres;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  for (const pool of pools) await pool.end();
  await postgres?.stop();
});

/** Like the store's own pool, it listens for errors of idle clients (PostgreSQL stopping). */
function testPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  pools.push(pool);
  return pool;
}

async function database(): Promise<{ url: string; pool: pg.Pool }> {
  const url = await postgres.createDatabase();
  const pool = testPool(url);
  await migrate(pool);
  return { url, pool };
}

function store(url: string): PgEventStore {
  return new PgEventStore(testPool(url));
}

/** The merged tables without the bookkeeping column that records which transaction wrote. */
async function mergedTables(pool: pg.Pool): Promise<unknown[]> {
  const tables: [string, string][] = [
    ['merged_processes', 'exec_id'],
    ['pending_exits', 'key'],
    ['container_pods', 'docker'],
    ['loss_markers', 'id'],
  ];
  const result: unknown[] = [];
  for (const [table, key] of tables) {
    const rows = await pool.query<Record<string, unknown>>(
      `SELECT * FROM ${table} ORDER BY ${key}`,
    );
    result.push(rows.rows.map(({ change_xid: _, ...row }) => row));
  }
  return result;
}

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const events: ParsedEvent[] = generateLines({ seed: 3, count: 3_000, chaos: true }).flatMap(
  (line) => {
    const parsed = parseLine(line);
    return parsed.kind === 'event' ? [parsed.event] : [];
  },
);

describe('the merge as PostgreSQL upserts', () => {
  it('gives the same rows whichever writer applies which events in whichever order', async () => {
    const inOrder = await database();
    const one = store(inOrder.url);
    for (let start = 0; start < events.length; start += 500) {
      await one.append(events.slice(start, start + 500));
    }

    const shuffled = await database();
    const random = prng(9);
    const stream = [...events, ...events.filter(() => random() < 0.1)];
    for (let i = stream.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [stream[i], stream[j]] = [stream[j] as ParsedEvent, stream[i] as ParsedEvent];
    }
    const writers = [store(shuffled.url), store(shuffled.url), store(shuffled.url)];
    const appends: Promise<unknown>[] = [];
    for (let start = 0; start < stream.length;) {
      const size = 1 + Math.floor(random() * 200);
      const writer = writers[appends.length % writers.length] as PgEventStore;
      appends.push(writer.append(stream.slice(start, start + size)));
      start += size;
    }
    await Promise.all(appends);

    const expected = await mergedTables(inOrder.pool);
    expect((expected[0] as unknown[]).length).toBeGreaterThan(1_000);
    expect(await mergedTables(shuffled.pool)).toEqual(expected);
  }, 60_000);
});
