import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Log } from '../../log.ts';
import { Leadership } from './pg-leader.ts';
import { migrate } from './pg-migrate.ts';
import { PgEventStore } from './pg-event-store.ts';
import { PgProcessStore } from './pg-process-store.ts';
import { PgRetentionStore } from './pg-retention-store.ts';
import { redactUrl } from './pg-url.ts';

const POOL_SIZE = 10;

/** Every store of one PostgreSQL database, sharing one pool. */
export interface PgStores {
  pool: pg.Pool;
  /** This process's id in `forgotten.origin`, to skip its own deletions when scanning. */
  origin: string;
  events: PgEventStore;
  processes: PgProcessStore;
  retention: PgRetentionStore;
  leader: Leadership;
  close(): Promise<void>;
}

/** Connects, migrates the schema and opens the stores; nothing runs until `leader.start()`. */
export async function openPgStores(url: string, log: Log, onLeader: () => void): Promise<PgStores> {
  const config: pg.PoolConfig = { connectionString: url, max: POOL_SIZE };
  const pool = new pg.Pool(config);
  // An idle connection that breaks is replaced on next use; the pool must not crash us.
  pool.on('error', (error) => log(`postgres: ${error.message}`));
  try {
    const applied = await migrate(pool);
    if (applied > 0) log(`postgres: ${redactUrl(url)}: applied ${applied} schema steps`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const origin = randomUUID();
  const leader = new Leadership({ connectionString: url }, log, onLeader);
  const events = new PgEventStore(pool);
  return {
    pool,
    origin,
    events,
    processes: new PgProcessStore(pool, leader),
    retention: new PgRetentionStore(leader, events.partitionCache, origin),
    leader,
    async close() {
      await leader.close();
      await pool.end();
    },
  };
}
