import { useEffect, useRef, useState } from 'react';
import type { ProcessDetailResponse } from '@exectree/domain';
import { fetchProcessDetail, HttpError } from '../../transport/http.ts';

export type DetailResult =
  | { status: 'loading' }
  | { status: 'ready'; detail: ProcessDetailResponse }
  | { status: 'not-found' }
  | { status: 'error'; message: string };

interface Settled {
  key: string;
  result: Exclude<DetailResult, { status: 'loading' }>;
}

/** Refetches of the same process (its children keep changing) are at most this frequent. */
export const REFETCH_INTERVAL_MS = 1_500;

/**
 * Fetches /api/v1/processes/{execId}. `revision` changes when the live stream says the
 * process or its children changed, which refetches (throttled) without flashing a loading
 * state.
 */
export function useProcessDetail(execId: string, revision: string): DetailResult {
  const [last, setLast] = useState<Settled | null>(null);
  const key = `${execId}\u0000${revision}`;
  const lastFetch = useRef<{ execId: string; at: number } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const previous = lastFetch.current;
    const wait =
      previous?.execId === execId
        ? Math.max(0, previous.at + REFETCH_INTERVAL_MS - performance.now())
        : 0;
    const load = () =>
      fetchProcessDetail(execId, controller.signal).then(
        (detail) => {
          setLast({ key, result: { status: 'ready', detail } });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const result: Settled['result'] =
            error instanceof HttpError && error.status === 404
              ? { status: 'not-found' }
              : {
                  status: 'error',
                  message: error instanceof Error ? error.message : String(error),
                };
          setLast({ key, result });
        },
      );
    const timer = setTimeout(() => {
      lastFetch.current = { execId, at: performance.now() };
      load();
    }, wait);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [execId, key]);

  if (last?.key === key) return last.result;
  // A refetch of the same process keeps showing what we had.
  if (last && last.key.startsWith(`${execId}\u0000`) && last.result.status === 'ready') {
    return last.result;
  }
  return { status: 'loading' };
}
