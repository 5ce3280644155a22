import { DEFAULT_RETENTION, type RetentionPolicy } from '../retention/retention-job.ts';
import { UsageError } from './usage-error.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const DURATION_UNITS: Record<string, number> = {
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: DAY_MS,
  w: 7 * DAY_MS,
};
const SIZE_UNITS: Record<string, number> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};
const MAX_AGE_MS = 100 * 365 * DAY_MS;

/** `7d`, `12h`, `90m`, `3600s`, `2w`; `0` turns the limit off. */
export function parseRetentionAge(value: string, origin: string): number {
  const match = /^(\d{1,9})\s*([smhdw])?$/i.exec(value.trim());
  const amount = Number(match?.[1]);
  const unit = match?.[2]?.toLowerCase();
  const ms =
    unit === undefined
      ? amount === 0
        ? 0
        : Number.NaN
      : amount * (DURATION_UNITS[unit] ?? Number.NaN);
  if (!match || !(ms >= 0 && ms <= MAX_AGE_MS)) {
    throw new UsageError(
      `invalid ${origin} ${JSON.stringify(value)}: expected an age such as 7d, 12h or 30m (s, m, h, d, w), or 0 for no age limit`,
    );
  }
  return ms;
}

/** `2GB`, `500MiB`, `1.5g`, a number of bytes; units are powers of 1024; `0` turns it off. */
export function parseRetentionSize(value: string, origin: string): number {
  const match = /^(\d{1,15}(?:\.\d{1,6})?)\s*(?:([kmgt])(?:i?b)?|b)?$/i.exec(value.trim());
  const bytes = Math.floor(Number(match?.[1]) * (SIZE_UNITS[match?.[2]?.toLowerCase() ?? ''] ?? 1));
  if (!match || !Number.isSafeInteger(bytes)) {
    throw new UsageError(
      `invalid ${origin} ${JSON.stringify(value)}: expected a size such as 2GB, 500MB or 1.5TB (powers of 1024), or 0 for no size limit`,
    );
  }
  return bytes;
}

/** Flag, then EXECTREE_RETENTION_AGE / EXECTREE_RETENTION_SIZE, then the defaults. */
export function retentionFromArgs(
  values: { 'retention-age'?: string | undefined; 'retention-size'?: string | undefined },
  env: NodeJS.ProcessEnv,
): RetentionPolicy {
  const pick = (flag: 'retention-age' | 'retention-size', envName: string) => {
    const fromFlag = values[flag];
    if (fromFlag !== undefined) return { value: fromFlag, origin: `--${flag}` };
    const fromEnv = env[envName];
    return fromEnv !== undefined && fromEnv !== ''
      ? { value: fromEnv, origin: envName }
      : undefined;
  };
  const age = pick('retention-age', 'EXECTREE_RETENTION_AGE');
  const size = pick('retention-size', 'EXECTREE_RETENTION_SIZE');
  return {
    maxAgeMs: age ? parseRetentionAge(age.value, age.origin) : DEFAULT_RETENTION.maxAgeMs,
    maxBytes: size ? parseRetentionSize(size.value, size.origin) : DEFAULT_RETENTION.maxBytes,
  };
}
