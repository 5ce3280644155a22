import { z } from 'zod';
import { timeKey, type Process, type ProcessesResponse } from '@exectree/domain';

export const DEFAULT_PAGE_LIMIT = 10_000;
export const MAX_PAGE_LIMIT = 100_000;

/** Where the previous page ended: keyset, so inserts elsewhere do not shift later pages. */
const cursorSchema = z.tuple([z.string(), z.string().min(1)]);
type CursorPosition = z.infer<typeof cursorSchema>;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const pageQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^\d{1,7}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PAGE_LIMIT))
    .optional(),
  cursor: z.string().max(4096).optional(),
});

function compareKeys(a: CursorPosition, b: CursorPosition): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** Orders by (start time, execId) and returns the page after `after`. */
export function paginate(
  processes: readonly Process[],
  limit: number,
  after: CursorPosition | undefined,
): ProcessesResponse {
  const keyed = processes
    .map((process) => ({
      key: [timeKey(process.startTime), process.execId] as CursorPosition,
      process,
    }))
    .sort((a, b) => compareKeys(a.key, b.key));
  let start = 0;
  if (after) {
    let high = keyed.length;
    while (start < high) {
      const mid = (start + high) >>> 1;
      const entry = keyed[mid];
      if (entry !== undefined && compareKeys(entry.key, after) <= 0) start = mid + 1;
      else high = mid;
    }
  }
  const page = keyed.slice(start, start + limit);
  const last = page.at(-1);
  const more = start + limit < keyed.length;
  return {
    processes: page.map((entry) => entry.process),
    nextCursor: more && last ? encodeCursor(last.key) : null,
  };
}
