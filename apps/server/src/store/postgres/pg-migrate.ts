import type { Pool } from 'pg';
import { PG_MIGRATIONS } from './pg-schema.ts';

/** Any constant shared by all replicas: migrations run under this advisory lock. */
const MIGRATION_LOCK = 0x6578_6563;

/**
 * Brings the schema to the current version in one transaction. Replicas starting together
 * wait for each other on the lock; a database newer than this build is refused.
 */
export async function migrate(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS exectree_schema (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const found = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM exectree_schema',
    );
    const version = found.rows[0]?.version ?? 0;
    if (version > PG_MIGRATIONS.length) {
      throw new Error(
        `database schema version ${version} is not supported (expected ${PG_MIGRATIONS.length} or older)`,
      );
    }
    for (const [index, step] of PG_MIGRATIONS.entries()) {
      if (index < version) continue;
      await client.query(step);
      await client.query('INSERT INTO exectree_schema (version) VALUES ($1)', [index + 1]);
    }
    await client.query('COMMIT');
    return PG_MIGRATIONS.length - version;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
