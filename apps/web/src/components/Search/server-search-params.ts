/**
 * The cross-pod half of a search: what to ask `GET /api/v1/search` for. The server applies
 * every facet itself (text, namespace, pod, binary, state, flagged and "alive in the time
 * range"), so its `limit` counts real matches and nothing has to be finished here.
 */
import type { SearchParams } from '../../transport/http.ts';
import { isEmptyQuery, type SearchQuery } from '../../view/search-query.ts';
import type { TimeRange } from '../../view/time-range.ts';

export const SERVER_SEARCH_LIMIT = 200;

/** Parameters for the query, or null when there is nothing to search for. */
export function serverSearchParams(
  query: SearchQuery,
  range: TimeRange | null,
): SearchParams | null {
  if (isEmptyQuery(query)) return null;
  const params: SearchParams = { limit: String(SERVER_SEARCH_LIMIT) };
  const text = query.text.trim();
  if (text !== '') params.q = text;
  if (query.namespace !== '') params.namespace = query.namespace;
  if (query.pod !== '') params.pod = query.pod;
  if (query.binary !== '') params.binary = query.binary;
  if (query.state !== null) params.state = query.state;
  if (query.flagged) params.flagged = 'true';
  if (range !== null) {
    params.from = range.from;
    params.to = range.to;
  }
  return params;
}
