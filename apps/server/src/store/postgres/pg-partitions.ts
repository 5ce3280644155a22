import type pg from 'pg';
import type { Pool } from 'pg';

/** Serialises partition DDL between replicas. */
const PARTITION_LOCK = 0x6578_6570;
const NAME = /^events_p(\d{4})(\d{2})(\d{2})$/;

/** The partition day of an event: the UTC day of its time, else the day it arrived. */
export function eventDay(timeKey: string, nowMs: number): string {
  return timeKey === '' ? new Date(nowMs).toISOString().slice(0, 10) : timeKey.slice(0, 10);
}

export function partitionName(day: string): string {
  return `events_p${day.replace(/-/g, '')}`;
}

export function dayOfPartition(name: string): string | undefined {
  const match = NAME.exec(name);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Creates the daily partitions events need before they are inserted; remembers what exists. */
export class Partitions {
  private readonly known = new Set<string>();

  constructor(private readonly pool: Pool) {}

  async ensure(days: Iterable<string>): Promise<void> {
    const missing = [...new Set(days)].filter((day) => !this.known.has(day)).sort();
    if (missing.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
      for (const day of missing) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`bad partition day ${day}`);
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${partitionName(day)} PARTITION OF events
           FOR VALUES FROM ('${day}') TO ('${nextDay(day)}')`,
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    for (const day of missing) this.known.add(day);
  }

  /** A dropped partition is created again if an event of its day arrives later. */
  forget(day: string): void {
    this.known.delete(day);
  }
}

/** The days of the existing partitions, oldest first. */
export async function partitionDays(client: Pool | pg.ClientBase): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = 'events' AND p.relnamespace = current_schema()::regnamespace`,
  );
  return result.rows
    .map((row) => dayOfPartition(row.name))
    .filter((day) => day !== undefined)
    .sort();
}
