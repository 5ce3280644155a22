import { z } from 'zod';
import type { SecurityOptions } from '../security/http-security.ts';
import type { LimitSettings } from '../security/limits.ts';
import { isLoopbackHost } from '../security/loopback.ts';
import { MAX_TOKEN_LENGTH, MIN_TOKEN_LENGTH } from '../security/token.ts';
import { UsageError } from './usage-error.ts';

export const SECURITY_FLAGS = {
  'max-line': { type: 'string' },
  'max-pod-processes': { type: 'string' },
  'max-clients': { type: 'string' },
  'ingest-queue': { type: 'string' },
  'ingest-rate': { type: 'string' },
  token: { type: 'string' },
} as const;

type Flag = keyof typeof SECURITY_FLAGS;
export type SecurityFlagValues = { [K in Flag]?: string | undefined };

export interface SecurityConfig {
  security: SecurityOptions;
  limits: Partial<LimitSettings>;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
const KIB = 1024;
const GIB = 1024 ** 3;

function size(min: number, max: number, zeroMeansOff = false) {
  return (value: string, origin: string): number => {
    const match = /^(\d{1,10})\s*(?:([kmg])(?:i?b)?|b)?$/i.exec(value.trim());
    const bytes = Number(match?.[1]) * (SIZE_UNITS[match?.[2]?.toLowerCase() ?? ''] ?? 1);
    if (match && ((zeroMeansOff && bytes === 0) || (bytes >= min && bytes <= max))) return bytes;
    const off = zeroMeansOff ? ', or 0 for no limit' : '';
    throw new UsageError(
      `invalid ${origin} ${JSON.stringify(value)}: expected a size from ${min / KIB}KiB to ${max / GIB}GiB such as 1MiB, 512KiB or a number of bytes${off}`,
    );
  };
}

function count(min: number, max: number, zeroMeansOff = false) {
  return (value: string, origin: string): number => {
    const n = /^\d{1,10}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if ((zeroMeansOff && n === 0) || (n >= min && n <= max)) return n;
    const off = zeroMeansOff ? ', or 0 for no limit' : '';
    throw new UsageError(
      `invalid ${origin} ${JSON.stringify(value)}: expected a whole number from ${min} to ${max}${off}`,
    );
  };
}

const CHECKS: Readonly<
  Record<Exclude<Flag, 'token'>, [keyof LimitSettings, ReturnType<typeof size>]>
> = {
  'max-line': ['max_line', size(KIB, GIB / 4)],
  'max-pod-processes': ['max_pod_processes', count(100, 100_000_000, true)],
  'max-clients': ['max_clients', count(1, 100_000)],
  'ingest-queue': ['ingest_queue', size(KIB, 16 * GIB)],
  'ingest-rate': ['ingest_rate', size(KIB, 16 * GIB, true)],
};

const tokenSchema = z
  .string()
  .min(MIN_TOKEN_LENGTH)
  .max(MAX_TOKEN_LENGTH)
  .regex(/^[!-~]+$/);

function checkToken(value: string, origin: string): string {
  if (tokenSchema.safeParse(value).success) return value;
  // The value is a secret: never echo it.
  throw new UsageError(
    `invalid ${origin}: expected ${MIN_TOKEN_LENGTH} to ${MAX_TOKEN_LENGTH} printable ASCII characters without spaces, e.g. from \`openssl rand -hex 32\``,
  );
}

/**
 * The limits flags, and the token: --token, then EXECTREE_TOKEN. Listening on anything but
 * a loopback address without a token is refused: the dashboard shows every command line of
 * the cluster, and its ingest endpoint writes what the trees show.
 */
export function securityFromArgs(
  values: SecurityFlagValues,
  env: NodeJS.ProcessEnv,
  host: string,
): SecurityConfig {
  const limits: Partial<Record<keyof LimitSettings, number>> = {};
  for (const [flag, [name, check]] of Object.entries(CHECKS)) {
    const value = values[flag as Flag];
    if (value !== undefined) limits[name] = check(value, `--${flag}`);
  }
  const token =
    values.token !== undefined
      ? checkToken(values.token, '--token')
      : env['EXECTREE_TOKEN'] !== undefined && env['EXECTREE_TOKEN'] !== ''
        ? checkToken(env['EXECTREE_TOKEN'], 'EXECTREE_TOKEN')
        : undefined;
  if (token === undefined && !isLoopbackHost(host)) {
    throw new UsageError(
      `listening on ${host} needs an access token: set EXECTREE_TOKEN (or --token) to at least ${MIN_TOKEN_LENGTH} characters, or listen on 127.0.0.1`,
    );
  }
  return { security: token === undefined ? {} : { token }, limits };
}
