import { z } from 'zod';
import { isPostgresUrl } from './is-postgres-url.ts';

export { isPostgresUrl };

/** A connection string pg accepts; checked before anything connects. */
export const postgresUrlSchema = z
  .string()
  .max(4096)
  .refine(isPostgresUrl, { error: 'expected postgres://USER:PASSWORD@HOST:PORT/DATABASE' })
  .refine(
    (url) => {
      try {
        const parsed = new URL(url);
        return parsed.hostname !== '' || parsed.searchParams.has('host');
      } catch {
        return false;
      }
    },
    { error: 'the PostgreSQL URL needs a host, e.g. postgres://exectree:secret@db:5432/exectree' },
  );

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
