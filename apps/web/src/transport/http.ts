import type { ProcessDetailResponse } from '@exectree/domain';
import type { InfoResponse } from '@exectree/domain';
import { errorMessageOf, goToLogin } from './auth.ts';
import { isInfo, isProcessDetail, isSearchResponse, type SearchResponse } from './guards.ts';

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
    // The session ended (or never began): the sign-in form, not an error in the view.
    if (response.status === 401) goToLogin();
    const message = errorMessageOf(body) ?? `${response.status} ${response.statusText}`;
    throw new HttpError(response.status, message);
  }
  if (!guard(body)) throw new HttpError(response.status, `unexpected response from ${path}`);
  return body;
}

export function fetchInfo(signal?: AbortSignal): Promise<InfoResponse> {
  return getJson('/api/v1/info', isInfo, signal);
}

export function fetchProcessDetail(
  execId: string,
  signal?: AbortSignal,
): Promise<ProcessDetailResponse> {
  return getJson(`/api/v1/processes/${encodeURIComponent(execId)}`, isProcessDetail, signal);
}

/** Query parameters of `GET /api/v1/search`; empty ones are left out. */
export type SearchParams = Partial<
  Record<
    | 'q'
    | 'namespace'
    | 'pod'
    | 'binary'
    | 'state'
    | 'flagged'
    | 'since'
    | 'until'
    | 'from'
    | 'to'
    | 'limit',
    string
  >
>;

export function fetchSearch(params: SearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, value);
  }
  return getJson(`/api/v1/search?${query.toString()}`, isSearchResponse, signal);
}
