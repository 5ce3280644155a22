import { useEffect, useMemo, useState } from 'react';
import { fetchSearch } from '../../transport/http.ts';
import { isFlagged } from '../../view/findings.ts';
import { groupResults, type PodResults } from '../../view/search-results.ts';
import type { SearchQuery } from '../../view/search-query.ts';
import type { TimeRange } from '../../view/time-range.ts';
import { serverSearchParams } from './server-search-params.ts';

export interface SearchAnswer {
  pods: PodResults[];
  /** Matches shown (without findings the graph calls expected, see view/findings.ts). */
  shown: number;
  /** Matches the server counted, and whether it sent only the first of them. */
  total: number;
  truncated: boolean;
}

export type ServerSearch =
  | { status: 'idle' }
  | { status: 'loading'; stale: SearchAnswer | null }
  | { status: 'ready'; answer: SearchAnswer }
  | { status: 'error'; message: string };

type Outcome = { ok: true; answer: SearchAnswer } | { ok: false; message: string };

const DEBOUNCE_MS = 250;

/** Searches every pod on the server, debounced; a newer query cancels the older one. */
export function useServerSearch(
  query: SearchQuery,
  range: TimeRange | null,
): ServerSearch & { retry: () => void } {
  const params = useMemo(() => serverSearchParams(query, range), [query, range]);
  const [result, setResult] = useState<{ key: string; outcome: Outcome } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = params === null ? null : `${JSON.stringify(params)}#${attempt}`;

  useEffect(() => {
    if (params === null || key === null) return;
    const controller = new AbortController();
    // Rows written before the server knew exec probes may still flag them as exec sessions.
    const keep = query.flagged ? isFlagged : () => true;
    const timer = setTimeout(() => {
      fetchSearch(params, controller.signal).then(
        (response) => {
          const matches = response.processes.filter(keep);
          setResult({
            key,
            outcome: {
              ok: true,
              answer: {
                pods: groupResults(matches, response.ancestors),
                shown: matches.length,
                total: response.total,
                truncated: response.truncated,
              },
            },
          });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const message = error instanceof Error ? error.message : String(error);
          setResult({ key, outcome: { ok: false, message } });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for params (query and range) and the retry count.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const retry = () => setAttempt((n) => n + 1);
  if (params === null) return { status: 'idle', retry };
  if (result === null || result.key !== key) {
    const stale = result?.outcome.ok ? result.outcome.answer : null;
    return { status: 'loading', stale, retry };
  }
  return result.outcome.ok
    ? { status: 'ready', answer: result.outcome.answer, retry }
    : { status: 'error', message: result.outcome.message, retry };
}
