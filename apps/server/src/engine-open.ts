import type { Cluster } from './engine-postgres.ts';
import { openEngine, type Engine, type EngineOptions } from './engine.ts';
import { isPostgresUrl } from './store/postgres/pg-url.ts';

export interface OpenedEngine {
  engine: Engine;
  /** Set for PostgreSQL: replicas of one database, live across each other. */
  cluster: Cluster | undefined;
}

/** SQLite for a path or `:memory:`, PostgreSQL for a postgres:// URL. */
export async function openEngineFor(
  options: EngineOptions & { follow?: boolean },
): Promise<OpenedEngine> {
  if (!isPostgresUrl(options.db)) return { engine: openEngine(options), cluster: undefined };
  const { openPostgresEngine } = await import('./engine-postgres.ts');
  return openPostgresEngine(options);
}
