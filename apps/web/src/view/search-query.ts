/**
 * What the user searches for: free text plus facets. One predicate serves the open pod
 * (client-side, on the loaded processes) and mirrors what `GET /api/v1/search` does for
 * every pod, so a match means the same thing in both places.
 */
import type { Process, ProcessState } from '@exectree/domain';
import { aliveIn, type ProcessLookup, type TimeRange } from './time-range.ts';
import { basename } from './format.ts';
import { isFlagged } from './findings.ts';

export interface SearchQuery {
  /** Case-insensitive substring of the binary, the arguments or the cwd. */
  text: string;
  /** Pod namespace, exactly. */
  namespace: string;
  /** Pod name, exactly. */
  pod: string;
  /** Full path when it contains "/", else the basename, exactly. */
  binary: string;
  state: ProcessState | null;
  /** Only processes with a finding the graph marks (expected ones, as on probes, aside). */
  flagged: boolean;
}

export const EMPTY_QUERY: SearchQuery = {
  text: '',
  namespace: '',
  pod: '',
  binary: '',
  state: null,
  flagged: false,
};

export const PROCESS_STATES: readonly ProcessState[] = ['running', 'exited', 'replaced'];

export function isProcessState(value: string | null): value is ProcessState {
  return value !== null && (PROCESS_STATES as readonly string[]).includes(value);
}

/** True when nothing would be searched for: no text (after trimming) and no facet. */
export function isEmptyQuery(query: SearchQuery): boolean {
  return (
    query.text.trim() === '' &&
    query.namespace === '' &&
    query.pod === '' &&
    query.binary === '' &&
    query.state === null &&
    !query.flagged
  );
}

/** How many facets (not the text) are set; shown on the filter button. */
export function facetCount(query: SearchQuery): number {
  return (
    (query.namespace !== '' ? 1 : 0) +
    (query.pod !== '' ? 1 : 0) +
    (query.binary !== '' ? 1 : 0) +
    (query.state !== null ? 1 : 0) +
    (query.flagged ? 1 : 0)
  );
}

export function sameQuery(a: SearchQuery, b: SearchQuery): boolean {
  return (
    a.text === b.text &&
    a.namespace === b.namespace &&
    a.pod === b.pod &&
    a.binary === b.binary &&
    a.state === b.state &&
    a.flagged === b.flagged
  );
}

export interface Matcher {
  (process: Process): boolean;
}

/**
 * Compiles the query (and the time range, a facet too) into a predicate. Returns null
 * when the query is empty: then nothing is a match, rather than everything.
 */
export function compileQuery(
  query: SearchQuery,
  range: TimeRange | null,
  lookup?: ProcessLookup,
): Matcher | null {
  if (isEmptyQuery(query)) return null;
  const needle = query.text.trim().toLowerCase();
  const binary = query.binary;
  const byPath = binary.includes('/');
  return (p) => {
    if (query.namespace !== '' && p.pod?.namespace !== query.namespace) return false;
    if (query.pod !== '' && p.pod?.name !== query.pod) return false;
    if (binary !== '' && (byPath ? p.binary !== binary : basename(p.binary) !== binary)) {
      return false;
    }
    if (query.state !== null && p.state !== query.state) return false;
    if (query.flagged && !isFlagged(p)) return false;
    if (range !== null && !aliveIn(p, range, lookup)) return false;
    if (needle === '') return true;
    return (
      p.binary.toLowerCase().includes(needle) ||
      p.arguments.toLowerCase().includes(needle) ||
      p.cwd.toLowerCase().includes(needle)
    );
  };
}
