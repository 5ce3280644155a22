/**
 * The cross-pod half of a search: what to ask `GET /api/v1/search` for, and what to keep
 * of its answer. The server does not know "flagged" nor "alive in a range" (it bounds the
 * start time only), so those two are asked for as closely as it can and finished here.
 */
import type { Process } from '@exectree/domain';
import type { SearchParams } from '../transport/http.ts';
import { isFlagged } from './findings.ts';
import { isEmptyQuery, type SearchQuery } from './search-query.ts';
import { aliveIn, type TimeRange } from './time-range.ts';

export const SERVER_SEARCH_LIMIT = 200;

/** Parameters for the query, or null when there is nothing to search for. */
export function searchParams(query: SearchQuery, range: TimeRange | null): SearchParams | null {
  if (isEmptyQuery(query)) return null;
  const params: SearchParams = { limit: String(SERVER_SEARCH_LIMIT) };
  const text = query.text.trim();
  if (text !== '') params.q = text;
  if (query.namespace !== '') params.namespace = query.namespace;
  if (query.pod !== '') params.pod = query.pod;
  if (query.binary !== '') params.binary = query.binary;
  if (query.state !== null) params.state = query.state;
  // Started before the range ends; whether it still ran when it began is checked here.
  if (range !== null) params.until = range.to;
  return params;
}

/** Whether a result the server sent also passes the facets it could not apply. */
export function keepResult(query: SearchQuery, range: TimeRange | null): (p: Process) => boolean {
  return (p) => (!query.flagged || isFlagged(p)) && (range === null || aliveIn(p, range));
}
