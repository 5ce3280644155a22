/**
 * The explorer's view settings: which view, the brushed time range, the search, and
 * whether live updates are paused. All of it mirrors the URL (see url/url-sync.ts), so a
 * shared link reopens the same view.
 */
import { create } from 'zustand';
import { EMPTY_QUERY, sameQuery, type SearchQuery } from '../view/search-query.ts';
import { sameRange, type TimeRange } from '../view/time-range.ts';

export type ViewMode = 'graph' | 'timeline' | 'split';

export const VIEW_MODES: readonly ViewMode[] = ['graph', 'timeline', 'split'];

export interface ExplorerState {
  view: ViewMode;
  range: TimeRange | null;
  query: SearchQuery;
  /** Show only search matches and their ancestors. */
  onlyMatches: boolean;
  /** Live updates are held back, not applied, until resumed. */
  paused: boolean;
}

export function initialExplorerState(): ExplorerState {
  return { view: 'graph', range: null, query: EMPTY_QUERY, onlyMatches: false, paused: false };
}

export const useExplorerStore = create<ExplorerState>()(() => initialExplorerState());

export function setView(view: ViewMode): void {
  if (useExplorerStore.getState().view !== view) useExplorerStore.setState({ view });
}

export function setRange(range: TimeRange | null): void {
  if (!sameRange(useExplorerStore.getState().range, range)) useExplorerStore.setState({ range });
}

export function setQuery(patch: Partial<SearchQuery>): void {
  const current = useExplorerStore.getState().query;
  const query = { ...current, ...patch };
  if (!sameQuery(current, query)) useExplorerStore.setState({ query });
}

export function clearSearch(): void {
  const state = useExplorerStore.getState();
  if (!sameQuery(state.query, EMPTY_QUERY) || state.onlyMatches) {
    useExplorerStore.setState({ query: EMPTY_QUERY, onlyMatches: false });
  }
}

export function setOnlyMatches(onlyMatches: boolean): void {
  if (useExplorerStore.getState().onlyMatches !== onlyMatches) {
    useExplorerStore.setState({ onlyMatches });
  }
}

export function setPaused(paused: boolean): void {
  if (useExplorerStore.getState().paused !== paused) useExplorerStore.setState({ paused });
}

export function togglePaused(): void {
  setPaused(!useExplorerStore.getState().paused);
}
