import { Router } from 'express';
import { z } from 'zod';
import { timeKey } from '@exectree/domain';
import type { ProcessQuery, ProcessSearch } from '../store/process-store.ts';
import { HttpError } from './http-error.ts';

export const DEFAULT_SEARCH_LIMIT = 500;
export const MAX_SEARCH_LIMIT = 10_000;

const text = (name: string, max: number) =>
  z
    .string({ error: `${name} must be given once` })
    .max(max, { error: `${name} must be at most ${max} characters` })
    .optional();

const time = (name: string) =>
  z
    .string({ error: `${name} must be given once` })
    .refine((value) => timeKey(value) !== '', {
      error: `${name} must be an RFC 3339 time, e.g. 2026-01-01T12:00:00Z`,
    })
    .optional();

/** Two bounds of a range, either of them left out, or the first not after the second. */
const inOrder = (first: string | undefined, second: string | undefined) =>
  first === undefined || second === undefined || timeKey(first) <= timeKey(second);

const searchQuerySchema = z
  .strictObject(
    {
      q: text('q', 1024),
      namespace: text('namespace', 253),
      pod: text('pod', 253),
      binary: text('binary', 4096),
      state: z
        .enum(['running', 'exited', 'replaced'], {
          error: 'state must be running, exited or replaced',
        })
        .optional(),
      flagged: z
        .enum(['true', 'false'], { error: 'flagged must be true or false' })
        .transform((value) => value === 'true')
        .optional(),
      since: time('since'),
      until: time('until'),
      from: time('from'),
      to: time('to'),
      limit: z
        .string({ error: 'limit must be given once' })
        .regex(/^\d{1,6}$/, { error: `limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}` })
        .transform(Number)
        .pipe(
          z
            .number()
            .min(1, { error: `limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}` })
            .max(MAX_SEARCH_LIMIT, {
              error: `limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}`,
            }),
        )
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown parameter ${issue.keys.join(', ')} (expected q, namespace, pod, binary, state, flagged, since, until, from, to, limit)`
          : undefined,
    },
  )
  .refine((query) => inOrder(query.since, query.until), {
    error: 'since must not be after until',
  })
  .refine((query) => inOrder(query.from, query.to), { error: 'from must not be after to' });

/** An empty parameter (`?pod=`) means the same as leaving it out. */
function withoutEmpty(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) return query;
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

/** Parses the query string of GET /search; throws a 400 naming the first bad parameter. */
export function parseSearchQuery(query: unknown): ProcessQuery {
  const parsed = searchQuerySchema.safeParse(withoutEmpty(query));
  if (!parsed.success) {
    throw new HttpError(400, parsed.error.issues[0]?.message ?? 'invalid search parameters');
  }
  const { q, namespace, pod, binary, state, flagged, since, until, from, to, limit } = parsed.data;
  return {
    limit: limit ?? DEFAULT_SEARCH_LIMIT,
    ...(q !== undefined && { text: q }),
    ...(namespace !== undefined && { namespace }),
    ...(pod !== undefined && { pod }),
    ...(binary !== undefined && { binary }),
    ...(state !== undefined && { state }),
    ...(since !== undefined && { since }),
    ...(until !== undefined && { until }),
    ...(flagged !== undefined && { flagged }),
    ...(from !== undefined && { aliveFrom: from }),
    ...(to !== undefined && { aliveTo: to }),
  };
}

export function searchRoutes(search: ProcessSearch): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    res.json(await search.search(parseSearchQuery(req.query)));
  });
  return router;
}
