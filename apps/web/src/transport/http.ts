import type { ProcessDetailResponse } from '@exectree/domain';
import { isProcessDetail, isRecord, isSearchResponse, type SearchResponse } from './guards.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

async function getJson<T>(
  path: string,
  guard: (value: unknown) => value is T,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(path, {
    headers: { accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Non-JSON bodies (a proxy's HTML error page) fall through to the status check.
  }
  if (!response.ok) {
    const message =
      isRecord(body) && typeof body['error'] === 'string'
        ? body['error']
        : `${response.status} ${response.statusText}`;
    throw new HttpError(response.status, message);
  }
  if (!guard(body)) throw new HttpError(response.status, `unexpected response from ${path}`);
  return body;
}

export function fetchProcessDetail(
  execId: string,
  signal?: AbortSignal,
): Promise<ProcessDetailResponse> {
  return getJson(`/api/v1/processes/${encodeURIComponent(execId)}`, isProcessDetail, signal);
}

/** Query parameters of `GET /api/v1/search`; empty ones are left out. */
export type SearchParams = Partial<
  Record<'q' | 'namespace' | 'pod' | 'binary' | 'state' | 'since' | 'until' | 'limit', string>
>;

export function fetchSearch(params: SearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, value);
  }
  return getJson(`/api/v1/search?${query.toString()}`, isSearchResponse, signal);
}
