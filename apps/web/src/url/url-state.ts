/**
 * The URL holds every view setting a shared link must reopen:
 *
 * | param                 | meaning                                                   |
 * | --------------------- | --------------------------------------------------------- |
 * | `ns` + `pod`          | a pod; hosts and containers use `group=host/node-1`        |
 * | `exec`                | the selected process                                      |
 * | `view`                | `timeline` or `split` (the graph when absent)             |
 * | `from`, `to`          | the brushed time range, RFC 3339 (nanoseconds kept)       |
 * | `q`                   | search text                                               |
 * | `fns`, `fpod`, `fbin` | search facets: namespace, pod, binary                     |
 * | `fstate`, `flagged=1` | search facets: process state, processes with findings     |
 * | `only=1`              | show only the matches (and their ancestors)               |
 * | `paused=1`            | live updates paused                                       |
 * | `probes=1`            | exec probes shown in the graph and the timeline            |
 * | `fold`                | opened ×N groups and closed processes (url/fold-codec.ts)  |
 * | `reveal=0`            | the folds may hide the selection: do not force it open     |
 *
 * Unknown or malformed values decode to the defaults, so an old or mangled link still opens.
 */
import { groupKey, parseGroupKey } from '@exectree/domain';
import { VIEW_MODES, type ViewMode } from '../stores/explorer-store.ts';
import { EMPTY_QUERY, isProcessState, sameQuery, type SearchQuery } from '../view/search-query.ts';
import { parseRange, sameRange, type TimeRange } from '../view/time-range.ts';
import { decodeFolds, encodeFolds, NO_FOLDS, sameFolds, type Folds } from './fold-codec.ts';

export interface Route {
  group: string | null;
  exec: string | null;
  view: ViewMode;
  range: TimeRange | null;
  query: SearchQuery;
  onlyMatches: boolean;
  paused: boolean;
  showProbes: boolean;
  /** The graph's folds in the open group. */
  folds: Folds;
  /** The user folded after selecting: show the folds as they are, the selection maybe hidden. */
  revealOff: boolean;
}

export const DEFAULT_ROUTE: Route = {
  group: null,
  exec: null,
  view: 'graph',
  range: null,
  query: EMPTY_QUERY,
  onlyMatches: false,
  paused: false,
  showProbes: false,
  folds: NO_FOLDS,
  revealOff: false,
};

function value(params: URLSearchParams, name: string): string | null {
  const v = params.get(name);
  return v === null || v === '' ? null : v;
}

function isViewMode(v: string | null): v is ViewMode {
  return v !== null && (VIEW_MODES as readonly string[]).includes(v);
}

export function decodeRoute(search: string): Route {
  const params = new URLSearchParams(search);
  const ns = value(params, 'ns');
  const pod = value(params, 'pod');
  let group: string | null = null;
  if (ns !== null && pod !== null) {
    group = groupKey({ kind: 'pod', namespace: ns, name: pod });
  } else {
    const raw = value(params, 'group');
    if (raw !== null && parseGroupKey(raw)) group = raw;
  }
  const view = value(params, 'view');
  const state = value(params, 'fstate');
  return {
    group,
    exec: value(params, 'exec'),
    view: isViewMode(view) ? view : 'graph',
    range: parseRange(value(params, 'from'), value(params, 'to')),
    query: {
      text: params.get('q') ?? '',
      namespace: value(params, 'fns') ?? '',
      pod: value(params, 'fpod') ?? '',
      binary: value(params, 'fbin') ?? '',
      state: isProcessState(state) ? state : null,
      flagged: params.get('flagged') === '1',
    },
    onlyMatches: params.get('only') === '1',
    paused: params.get('paused') === '1',
    showProbes: params.get('probes') === '1',
    // Folds name nodes of one group: without a group they mean nothing.
    folds: group === null ? NO_FOLDS : decodeFolds(params.get('fold')),
    revealOff: group !== null && value(params, 'exec') !== null && params.get('reveal') === '0',
  };
}

/** Percent-encodes a query value, leaving the characters ids, keys and times use readable. */
function encodeValue(text: string): string {
  return encodeURIComponent(text).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%3D/gi, '=');
}

/** The search string ("" or "?…") for a route; defaults (and fields not given) are left out. */
export function encodeRoute(given: Partial<Route>): string {
  const route: Route = { ...DEFAULT_ROUTE, ...given };
  const parts: string[] = [];
  const add = (name: string, v: string) => parts.push(`${name}=${encodeValue(v)}`);
  const ref = route.group === null ? undefined : parseGroupKey(route.group);
  if (ref?.kind === 'pod') {
    add('ns', ref.namespace);
    add('pod', ref.name);
  } else if (ref && route.group !== null) {
    add('group', route.group);
  }
  if (route.exec !== null) add('exec', route.exec);
  if (route.view !== 'graph') add('view', route.view);
  if (route.range !== null) {
    add('from', route.range.from);
    add('to', route.range.to);
  }
  const { query } = route;
  if (query.text !== '') add('q', query.text);
  if (query.namespace !== '') add('fns', query.namespace);
  if (query.pod !== '') add('fpod', query.pod);
  if (query.binary !== '') add('fbin', query.binary);
  if (query.state !== null) add('fstate', query.state);
  if (query.flagged) add('flagged', '1');
  if (route.onlyMatches) add('only', '1');
  if (route.paused) add('paused', '1');
  if (route.showProbes) add('probes', '1');
  const folds = route.group === null ? '' : encodeFolds(route.folds);
  if (folds !== '') add('fold', folds);
  if (route.revealOff && route.group !== null && route.exec !== null) add('reveal', '0');
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export function sameRoute(a: Route, b: Route): boolean {
  return (
    a.group === b.group &&
    a.exec === b.exec &&
    a.view === b.view &&
    sameRange(a.range, b.range) &&
    sameQuery(a.query, b.query) &&
    a.onlyMatches === b.onlyMatches &&
    a.paused === b.paused &&
    a.showProbes === b.showProbes &&
    sameFolds(a.folds, b.folds) &&
    a.revealOff === b.revealOff
  );
}

/**
 * Typing in the search box changes only the text: that replaces the history entry
 * instead of adding one per keystroke. Everything else is a step Back can return to.
 */
export function isTypingChange(a: Route, b: Route): boolean {
  return (
    a.query.text !== b.query.text &&
    sameRoute(a, { ...b, query: { ...b.query, text: a.query.text } })
  );
}
