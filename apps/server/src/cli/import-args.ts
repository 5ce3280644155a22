import { parseArgs } from 'node:util';
import { isPostgresUrl } from '../store/postgres/is-postgres-url.ts';
import { DEFAULT_DB } from './serve-defaults.ts';
import { UsageError, usageErrorFromParseArgs } from './usage-error.ts';

export interface ImportConfig {
  /** SQLite path or `:memory:`. */
  db: string;
  files: string[];
}

export type ImportArgs = { help: true } | { help: false; config: ImportConfig };

const MAX_PATH = 4096;

/**
 * The paths are the only free-form input and parseArgs has already typed them as strings, so
 * the length is checked by hand: zod would add about 100 ms to the start of every import.
 */
function checkPath(value: string, origin: string, allowed: string): string {
  if (value.length === 0 || value.length > MAX_PATH) {
    throw new UsageError(`invalid ${origin} ${JSON.stringify(value)}: expected ${allowed}`);
  }
  return value;
}

/** `exectree import [--db PATH] FILE...`; --db, then EXECTREE_DB, then the serve default. */
export function parseImportArgs(argv: string[], env: NodeJS.ProcessEnv): ImportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw usageErrorFromParseArgs(error, 'import');
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { help: true };
  if (positionals.length === 0) {
    throw new UsageError('expected at least one FILE; see exectree import --help');
  }
  const db =
    values.db !== undefined
      ? checkPath(values.db, '--db', 'a file path or :memory:')
      : env.EXECTREE_DB
        ? checkPath(env.EXECTREE_DB, 'EXECTREE_DB', 'a file path or :memory:')
        : DEFAULT_DB;
  if (isPostgresUrl(db)) {
    throw new UsageError(
      'import writes SQLite files only; to load files into PostgreSQL, POST them to /api/v1/events of a replica',
    );
  }
  const files = positionals.map((file) => checkPath(file, 'FILE', 'a path to an export file'));
  return { help: false, config: { db, files } };
}
