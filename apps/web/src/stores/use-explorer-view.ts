/**
 * Hooks that derive what the explorer shows from the stores. The derivations are pure
 * (view/explorer-view.ts, view/explorer-display.ts) and cached by input identity, so the
 * graph, the timeline and the search bar share one computation per change.
 */
import { useLiveStore } from './live-store.ts';
import { selectReveal, useUiStore } from './ui-store.ts';
import { useExplorerStore } from './explorer-store.ts';
import { memoizeLast } from '../view/memo.ts';
import { deriveExplorerView, type ExplorerView } from '../view/explorer-view.ts';
import { displayForest } from '../view/explorer-display.ts';
import type { Display } from '../view/grouping.ts';
import type { Process } from '@exectree/domain';
import type { SearchQuery } from '../view/search-query.ts';
import type { TimeRange } from '../view/time-range.ts';

const explorerViewOf = memoizeLast(
  (
    processes: ReadonlyMap<string, Process>,
    query: SearchQuery,
    range: TimeRange | null,
    onlyMatches: boolean,
  ): ExplorerView => deriveExplorerView({ processes, query, range, onlyMatches }),
);

/** The open group's processes after the time range and search apply, and the matches. */
export function useExplorerView(): ExplorerView {
  const processes = useLiveStore((s) => s.tree.processes);
  const query = useExplorerStore((s) => s.query);
  const range = useExplorerStore((s) => s.range);
  const onlyMatches = useExplorerStore((s) => s.onlyMatches);
  return explorerViewOf(processes, query, range, onlyMatches);
}

/** The same view outside React (keyboard shortcuts, actions). */
export function explorerViewNow(): ExplorerView {
  const { query, range, onlyMatches } = useExplorerStore.getState();
  return explorerViewOf(useLiveStore.getState().tree.processes, query, range, onlyMatches);
}

/** The processes to draw: all of them unless a time range or "only matches" narrows them. */
export function useVisibleProcesses(): ReadonlyMap<string, Process> {
  return useExplorerView().visible;
}

const displayOf = memoizeLast(
  (
    view: ExplorerView,
    showProbes: boolean,
    expanded: ReadonlySet<string>,
    collapsed: ReadonlySet<string>,
    reveal: string | null,
    selected: string | null,
  ): Display => displayForest(view.forest, { showProbes, expanded, collapsed, reveal, selected }),
);

/** The drawn items, as the graph draws them (components/ProcessGraph/useGraphModel.ts). */
export function useDisplay(): Display {
  const view = useExplorerView();
  const showProbes = useUiStore((s) => s.showProbes);
  const expanded = useUiStore((s) => s.expanded);
  const collapsed = useUiStore((s) => s.collapsed);
  const reveal = useUiStore(selectReveal);
  const selected = useUiStore((s) => s.exec);
  return displayOf(view, showProbes, expanded, collapsed, reveal, selected);
}
