import type { ProcessDetailResponse } from '@exectree/domain';
import { isProcessDetail, isRecord } from './guards.ts';

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
