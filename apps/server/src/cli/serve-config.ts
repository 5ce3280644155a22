import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError, usageErrorFromParseArgs } from './usage-error.ts';
import { grpcTarget } from '../ingest/grpc/grpc-address.ts';
import type { RetentionPolicy } from '../retention/retention-job.ts';
import { retentionFromArgs } from './retention-options.ts';
import { SECURITY_FLAGS, securityFromArgs, type SecurityConfig } from './security-options.ts';
import { isPostgresUrl, postgresUrlSchema } from '../store/postgres/pg-url.ts';
import { DEFAULT_DB, DEFAULT_HOST, DEFAULT_PORT } from './serve-defaults.ts';

export interface ServeConfig {
  host: string;
  port: number;
  /** SQLite path, `:memory:` or a postgres:// URL; ignored in demo mode, which uses memory. */
  db: string;
  /** True when --db or EXECTREE_DB chose the database. */
  dbChosen: boolean;
  demo: boolean;
  files: string[];
  /** Tetragon gRPC addresses (unix:///path or host:port). */
  grpc: string[];
  stdin: boolean;
  maxBodyBytes: number;
  /** --retention-age / --retention-size; 0 turns a limit off. */
  retention: RetentionPolicy;
  /** `ingest`: store and merge only (a PostgreSQL replica next to each agent); see --role. */
  role: ServeRole;
  /** --token (EXECTREE_TOKEN) and the limit flags; see security-options.ts. */
  security: SecurityConfig['security'];
  limits: SecurityConfig['limits'];
}

export type ServeArgs = { help: true } | { help: false; config: ServeConfig };

export const SERVE_ROLES = ['all', 'ingest'] as const;
export type ServeRole = (typeof SERVE_ROLES)[number];

export { DEFAULT_DB, DEFAULT_HOST, DEFAULT_PORT };
export const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
const MIN_BODY = 1024;
const MAX_BODY = 1024 * 1024 * 1024;

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  db: { type: 'string' },
  'no-demo': { type: 'boolean' },
  file: { type: 'string', short: 'f', multiple: true },
  grpc: { type: 'string', multiple: true },
  stdin: { type: 'boolean' },
  'max-body': { type: 'string' },
  'retention-age': { type: 'string' },
  'retention-size': { type: 'string' },
  role: { type: 'string' },
  ...SECURITY_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A validator per value, carrying the sentence that tells the user what is allowed. */
function validator<T>(allowed: string, schema: z.ZodType<T>) {
  return (value: string, origin: string): T => {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new UsageError(`invalid ${origin} ${JSON.stringify(value)}: expected ${allowed}`);
    }
    return result.data;
  };
}

const checkHost = validator(
  'a host name or IP address, e.g. 127.0.0.1, 0.0.0.0 or ::1',
  z
    .string()
    .regex(/^\[?[A-Za-z0-9._:%-]{1,253}\]?$/)
    .transform((host) => host.replace(/^\[(.*)\]$/, '$1')),
);

const checkPort = validator(
  'an integer from 0 to 65535 (0 picks any free port)',
  z
    .string()
    .regex(/^\d{1,5}$/)
    .transform(Number)
    .pipe(z.number().max(65535)),
);

const checkPath = (what: string) => validator(what, z.string().min(1).max(4096));
const checkDb = (value: string, origin: string): string =>
  isPostgresUrl(value)
    ? validator('postgres://USER:PASSWORD@HOST:PORT/DATABASE', postgresUrlSchema)(value, origin)
    : checkPath('a file path, :memory: or a postgres:// URL')(value, origin);
const checkFile = checkPath('a path to a Tetragon JSON export file');
const checkRole = validator('all or ingest', z.enum(SERVE_ROLES));

const checkMaxBody = validator(
  'a size from 1KiB to 1GiB, e.g. 16MiB, 512KiB or a number of bytes',
  z
    .string()
    .regex(/^\d{1,10}\s*([kmg](i?b)?|b)?$/i)
    .transform((text) => {
      const match = /^(\d+)\s*([kmg]?)/i.exec(text);
      return Number(match?.[1]) * (UNITS[match?.[2]?.toLowerCase() ?? ''] ?? 1);
    })
    .pipe(z.number().min(MIN_BODY).max(MAX_BODY)),
);

/** Flag, then EXECTREE_* variable, then default. Throws UsageError on a bad value. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv): ServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw usageErrorFromParseArgs(error, 'serve');
  }
  if (values.help === true) return { help: true };

  const pick = (flag: 'host' | 'port' | 'db', envName: string) =>
    values[flag] !== undefined
      ? { value: values[flag], origin: `--${flag}` }
      : env[envName] !== undefined && env[envName] !== ''
        ? { value: env[envName], origin: envName }
        : undefined;

  const host = pick('host', 'EXECTREE_HOST');
  const port = pick('port', 'EXECTREE_PORT');
  const db = pick('db', 'EXECTREE_DB');
  const files = (values.file ?? []).map((file) => checkFile(file, '--file'));
  const duplicate = files.find((file, index) => files.indexOf(file) !== index);
  if (duplicate !== undefined) throw new UsageError(`--file ${duplicate} is given twice`);
  const stdin = values.stdin === true;
  const grpcValues =
    values.grpc ??
    (env.EXECTREE_GRPC ? env.EXECTREE_GRPC.split(',').filter((a) => a.trim() !== '') : []);
  const grpc = grpcValues.map((address) => {
    try {
      return grpcTarget(address);
    } catch (error) {
      const origin = values.grpc ? '--grpc' : 'EXECTREE_GRPC';
      throw new UsageError(`${origin}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  const listenHost = host ? checkHost(host.value, host.origin) : DEFAULT_HOST;
  const dbValue = db ? checkDb(db.value, db.origin) : DEFAULT_DB;
  const roleValue = values.role ?? (env.EXECTREE_ROLE || undefined);
  const role =
    roleValue === undefined
      ? 'all'
      : checkRole(roleValue, values.role ? '--role' : 'EXECTREE_ROLE');
  if (role === 'ingest' && !isPostgresUrl(dbValue)) {
    throw new UsageError(
      '--role ingest needs --db postgres://...: it only writes to a shared database',
    );
  }
  const { security, limits } = securityFromArgs(values, env, listenHost);

  return {
    help: false,
    config: {
      host: listenHost,
      port: port ? checkPort(port.value, port.origin) : DEFAULT_PORT,
      db: dbValue,
      dbChosen: db !== undefined,
      demo: values['no-demo'] !== true && files.length === 0 && grpc.length === 0 && !stdin,
      files,
      grpc,
      stdin,
      maxBodyBytes:
        values['max-body'] === undefined
          ? DEFAULT_MAX_BODY
          : checkMaxBody(values['max-body'], '--max-body'),
      retention: retentionFromArgs(values, env),
      role,
      security,
      limits,
    },
  };
}
